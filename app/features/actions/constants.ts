/** Page sizes, shared by the queries and the pages' pagination. */
export const LOG_PER_PAGE = 50;
export const QUEUE_PER_PAGE = 25;
