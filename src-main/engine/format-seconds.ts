/** A watchdog's wait for messages: "0.4 s", "12 s", "600 s". */
export function formatSeconds(ms: number): string {
  return `${ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000)} s`;
}
