/**
 * keys: the keyring — its active key (and whether the database agrees), the credentials each
 * key seals, an unfinished rotation, the latest rotation. `R` rotates after the operator types
 * `rotate` (the question says how many credentials will be re-sealed): a live progress bar
 * fed by the rotation job's notices, then the result and the reminder to back up the keyring.
 * `v` opens every credential and lists those that do not open.
 */
import { Spinner } from '@inkjs/ui';
import { Box } from 'ink';
import React, { useState } from 'react';
import type { RotationResult } from '../../credentials/key-rotation.js';
import type { VerifyResult } from '../../credentials/key-verify.js';
import { useBanner } from '../context/banner.js';
import { useOverlay } from '../context/overlay.js';
import { useScreen } from '../context/screen.js';
import { count, plural } from '../format.js';
import { useKeyActions, useKeysView } from '../hooks/use-keys-view.js';
import { useListCursor } from '../hooks/use-list-cursor.js';
import { useCommands } from '../keys/keymap.js';
import { KeyringPane, keyringPaneRows } from './keys/keyring-pane.js';
import { ROTATION_ROWS, RotationPane } from './keys/rotation-pane.js';
import { VerifyPane } from './keys/verify-pane.js';

export function KeysScreen(): React.JSX.Element {
  const { width, height, isTop } = useScreen();
  const banner = useBanner();
  const overlay = useOverlay();
  const { data: view, refresh } = useKeysView();
  const actions = useKeyActions();
  const [rotating, setRotating] = useState(false);
  const [result, setResult] = useState<RotationResult | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<VerifyResult | null>(null);
  const verifyHeight = view ? Math.max(2, height - keyringPaneRows(view) - ROTATION_ROWS) : 2;
  const failures = useListCursor(verified?.failures.length ?? 0, verifyHeight - 2, isTop);

  const rotate = () => {
    setRotating(true);
    setResult(null);
    // What a verification found before no longer describes the credentials.
    setVerified(null);
    void actions.rotateKeys().then(
      (done) => {
        setResult(done);
        banner.show('notice', `keys rotated to ${done.keyId}: back up the keyring now`);
      },
      (err: unknown) => banner.showError(err),
    ).finally(() => {
      setRotating(false);
      refresh();
    });
  };
  const askToRotate = () => {
    if (!view || rotating) return;
    const { keyring } = view;
    // A keyring that cannot rotate: the service refuses before anything changes, and says why.
    if (!('status' in keyring) || keyring.foreign) return rotate();
    const question = keyring.unfinished
      ? `Finish the interrupted rotation: re-seal ${plural(keyring.toReseal, 'credential')} under key ${keyring.status.activeKeyId}?`
      : `Rotate keys: re-seal ${plural(keyring.toReseal, 'credential')} under a new key?`;
    overlay.confirm({ question, detail: `old keys leave ${keyring.status.file} once no credential uses them: back it up afterwards`, typeToConfirm: 'rotate', onYes: rotate });
  };
  const verify = () => {
    if (verifying) return;
    setVerifying(true);
    void actions.verifyKeys().then(setVerified, (err: unknown) => banner.showError(err)).finally(() => setVerifying(false));
  };
  useCommands(['keys'], { 'rotate-keys': askToRotate, 'verify-keys': verify }, { isActive: isTop });

  if (!view) return <Spinner label="reading the keyring…" />;
  const file = 'status' in view.keyring ? view.keyring.status.file : 'the keyring';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <KeyringPane view={view} width={width} />
      <RotationPane job={view.lastRotation} result={result} running={rotating} file={file} width={width} />
      <VerifyPane result={verified} verifying={verifying} file={file} selected={failures.selected} focused={isTop} width={width} height={verifyHeight} />
    </Box>
  );
}
