/** Starts nothing yet: the database harness lands with the foundation. */
export default async function setup(): Promise<void> {}
