/** How the header names the database: "embedded", or host/name of DATABASE_URL (never the user or password). */
export function databaseLabel(database: { url: string; embeddedHome?: string }): string {
  if (database.embeddedHome) return 'embedded';
  try {
    const url = new URL(database.url);
    const name = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
    return `${url.hostname || 'localhost'}${url.port ? `:${url.port}` : ''}/${name}`;
  } catch {
    return 'external';
  }
}
