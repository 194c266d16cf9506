/**
 * One page of a list read newest first by id: the query asks for `limit + 1` rows, so whether a next page
 * exists is known without counting; the cursor is the last id shown.
 */
export function cursorPage<Row extends { id: string }>(rows: Row[], limit: number) {
  const page = rows.slice(0, limit)
  return { page, nextCursor: rows.length > limit ? page[page.length - 1].id : null }
}
