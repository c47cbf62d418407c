/**
 * credentials: the device logins by name, paged from the database — name, user, password or
 * SSH key, tags, the key sealing them, successes/failures, last use; never a secret, nor its
 * length. `a` adds one, `e` edits the highlighted one, `t` edits its tags, `x` removes it after a
 * confirmation naming the devices left without any credential. Secrets are typed unseen and
 * handed to the credential service; the form that held them is gone once it answers.
 */
import { Box, Text } from 'ink';
import React, { useState } from 'react';
import { parseTagList } from '../../console/credential-actions.js';
import type { CredentialRow } from '../../console/console-types.js';
import { Form, type FormAnswers, type FormSecrets, type FormStep } from '../components/form.js';
import { Table } from '../components/table.js';
import { useBanner } from '../context/banner.js';
import { useOverlay } from '../context/overlay.js';
import { useScreen } from '../context/screen.js';
import { useTheme } from '../context/theme.js';
import { count } from '../format.js';
import { useCredentialActions } from '../hooks/use-credential-actions.js';
import { useCredentials } from '../hooks/use-credentials.js';
import { useCommands } from '../keys/keymap.js';
import { CREDENTIAL_COLUMNS, CredentialDetail, DETAIL_ROWS } from './credentials/credential-detail.js';
import { addInput, addSteps, editChanges, editSteps, tagSteps } from './credentials/credential-forms.js';

interface OpenForm {
  title: string;
  steps(answers: FormAnswers): FormStep[];
  /** Calls the service; resolves with the notice to show. */
  submit(answers: FormAnswers, secrets: FormSecrets): Promise<string | null>;
}

export function CredentialsScreen(): React.JSX.Element {
  const { width, height, isTop } = useScreen();
  const theme = useTheme();
  const banner = useBanner();
  const overlay = useOverlay();
  const actions = useCredentialActions();
  const [form, setForm] = useState<OpenForm | null>(null);
  const tableHeight = Math.max(2, height - 1 - DETAIL_ROWS);
  const list = useCredentials(tableHeight - 1, isTop && form === null);
  const current = list.current;

  const edit = (row: CredentialRow): OpenForm => ({
    title: `Edit credential ${row.name}`,
    steps: editSteps(actions, row),
    async submit(answers, secrets) {
      const changes = editChanges(row, answers, secrets);
      if (Object.keys(changes).length === 0) return 'nothing changed';
      const saved = await actions.updateCredential(row.name, changes);
      return `credential ${saved.name} changed`;
    },
  });
  const tags = (row: CredentialRow): OpenForm => ({
    title: `Tags of credential ${row.name}`,
    steps: tagSteps(actions, row),
    async submit(answers) {
      const saved = await actions.setCredentialTags(row.name, parseTagList(answers.tags ?? ''));
      return `credential ${saved.name} applies to ${saved.tags.length ? `tags ${saved.tags.join(', ')}` : 'no tag: no device'}`;
    },
  });
  const remove = (row: CredentialRow) => {
    void actions.credentialRemovalImpact(row.id).then(
      (impact) =>
        overlay.confirm({
          question: `Remove the credential "${row.name}" (user ${row.username}, ${row.method})?`,
          detail: impact.count === 0 ? 'no device depends on it alone' : `${count(impact.count)} device${impact.count === 1 ? '' : 's'} would lose their only credential: ${impact.hostnames.join(', ')}${impact.count > impact.hostnames.length ? ', …' : ''}`,
          onYes: () =>
            void actions.removeCredential(row.name).then(
              () => banner.show('notice', `credential ${row.name} removed`),
              (err: unknown) => banner.showError(err),
            ).finally(list.refresh),
        }),
      (err: unknown) => banner.showError(err),
    );
  };
  useCommands(
    ['credentials'],
    {
      add: () => setForm({ title: 'Add a credential', steps: addSteps(actions), submit: async (answers, secrets) => `credential ${(await actions.addCredential(addInput(answers, secrets))).name} added` }),
      // list.current: the selection as it is now, also right after a move typed in the same breath.
      edit: () => void (list.current && setForm(edit(list.current))),
      'edit-tags': () => void (list.current && setForm(tags(list.current))),
      remove: () => void (list.current && remove(list.current)),
    },
    { isActive: isTop && form === null },
  );

  const submit = (open: OpenForm, answers: FormAnswers, secrets: FormSecrets) => {
    // The secrets go to the service in this call; the form holding them closes when it answers.
    void open.submit(answers, secrets).then(
      (notice) => notice && banner.show('notice', notice),
      (err: unknown) => banner.showError(err),
    ).finally(() => {
      setForm(null);
      list.refresh();
    });
  };

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text {...theme.style('title')} wrap="truncate-end">
        Credentials <Text {...theme.style('muted')}>· secrets are sealed and never shown · a credential applies to devices sharing a tag</Text>
      </Text>
      {form ? (
        <Box height={tableHeight}>
          <Form title={form.title} steps={form.steps} width={width} onCancel={() => setForm(null)} onSubmit={(answers, secrets) => submit(form, answers, secrets)} />
        </Box>
      ) : (
        <Table columns={CREDENTIAL_COLUMNS} rows={list.rows} rowKey={(c) => c.id} selected={list.selected} focused={isTop} width={width} height={tableHeight} empty={list.loading ? 'reading…' : 'no credentials yet: a adds one'} />
      )}
      <CredentialDetail row={form ? undefined : current} width={width} />
    </Box>
  );
}
