/**
 * Which devices a filter selects: the device list shows them and a sweep of "every device the
 * filter shows" retrieves them, through this one predicate. Values are always bound, never
 * spliced: a filter typed with quotes, `%` or `_` is matched as typed.
 */
import type { Knex } from 'knex';
import { deviceStateSql, type StaleRule } from './device-state.js';

/** A status the filter can ask for (device-state.ts; disabled devices are none of them). */
export const FILTER_STATUSES = ['failed', 'ok', 'never', 'stale'] as const;
export type FilterStatus = (typeof FILTER_STATUSES)[number];

/**
 * Terms of one kind widen the selection (any of them), kinds narrow it (all kinds). Empty
 * lists do not filter.
 */
export interface DeviceFilter {
  /** Prefixes of the hostname or of the address as text ("core", "10.1.", "2001:db8:"), ignoring case. */
  prefixes: string[];
  /** Networks ("10.1.0.0/16"): the address is inside one of them. */
  networks: string[];
  /** Tag names, ignoring case. */
  tags: string[];
  /** Device types (drivers). */
  types: string[];
  statuses: FilterStatus[];
}

export const NO_FILTER: DeviceFilter = { prefixes: [], networks: [], tags: [], types: [], statuses: [] };

// The hostname rule of the devices table; the characters of an IPv4 or IPv6 address as host() writes it.
const HOSTNAME_START = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ADDRESS_START = /^[0-9A-Fa-f:.]+$/;

/** LIKE's wildcards and its escape character, escaped: the text is matched literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * Adds the filter's conditions to a query over `devices AS <alias>`. The stale rule is needed
 * only when the filter names a status (it decides stale, and failed/ok exclude stale).
 */
export function whereDeviceFilter(query: Knex.QueryBuilder, filter: DeviceFilter, rule: StaleRule, alias = 'd'): Knex.QueryBuilder {
  if (filter.prefixes.length > 0 || filter.networks.length > 0) {
    query.where((any) => {
      for (const prefix of filter.prefixes) {
        const pattern = `${escapeLike(prefix.toLowerCase())}%`;
        // Only what a hostname or an address can start with is looked for: "core" then uses the
        // hostname index alone, and text neither can hold ("%", "'; --") matches nothing.
        if (HOSTNAME_START.test(prefix)) any.orWhereRaw(`lower(${alias}.hostname) LIKE ?`, [pattern]);
        if (ADDRESS_START.test(prefix)) any.orWhereRaw(`host(${alias}.ip_address) LIKE ?`, [pattern]);
        if (!HOSTNAME_START.test(prefix) && !ADDRESS_START.test(prefix)) any.orWhereRaw('false');
      }
      for (const network of filter.networks) any.orWhereRaw(`${alias}.ip_address <<= ?::inet`, [network]);
    });
  }
  if (filter.tags.length > 0) {
    query.whereExists((sub) =>
      sub
        .select(sub.client.raw('1'))
        .from('device_tags as fdt')
        .join('tags as ft', 'ft.id', 'fdt.tag_id')
        .whereRaw(`fdt.device_id = ${alias}.id`)
        .whereRaw('lower(ft.name) = ANY(?::text[])', [filter.tags.map((t) => t.toLowerCase())]),
    );
  }
  if (filter.types.length > 0) query.whereRaw(`${alias}.device_type = ANY(?::text[])`, [filter.types]);
  if (filter.statuses.length > 0) {
    const state = deviceStateSql(rule, alias);
    query.whereRaw(`${state.sql} = ANY(?::text[])`, [...state.bindings, filter.statuses] as Knex.RawBinding[]);
  }
  return query;
}

/** True when the filter selects every device. */
export function isEmptyFilter(filter: DeviceFilter): boolean {
  return filter.prefixes.length + filter.networks.length + filter.tags.length + filter.types.length + filter.statuses.length === 0;
}
