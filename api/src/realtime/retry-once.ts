// A load shared by many live streams must not end them when it fails once: a dropped database connection
// (a failover, pg_terminate_backend) fails the statements in flight, and the pool's next connection works.
// So such a load is tried again once, a moment later; what fails twice is the caller's to skip and log.

/** How long to wait before the second try: long enough for the pool to open a new connection. */
export const RETRY_DELAY_MS = 100;

export async function retryOnce<T>(load: () => Promise<T>, delayMs = RETRY_DELAY_MS): Promise<T> {
  try {
    return await load();
  } catch {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return load();
  }
}
