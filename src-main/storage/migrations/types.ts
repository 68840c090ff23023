/** One schema step. Ids sort in application order and are never renamed once released. */
export interface Migration {
  id: string;
  sql: string;
}
