/** Columns every table has. Timestamps are ISO-8601 strings in UTC. */
export interface Timestamps {
  created_at: string;
  updated_at: string;
}
