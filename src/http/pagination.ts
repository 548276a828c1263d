import { z } from 'zod';

/** `?page=N`, 1-based; anything else reads as the first page rather than an error. */
const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
});

export function requestedPage(query: unknown): number {
  return pageQuery.parse(query ?? {}).page;
}

/** What the pagination partial needs: where we are and the link of any other page. */
export interface Pagination {
  page: number;
  pageCount: number;
  /** Items in all, and the first and last shown (1-based), for "51–100 of 10,000". */
  total: number;
  first: number;
  last: number;
  hrefFor: (page: number) => string;
}

export function pagination(options: {
  page: number;
  pageSize: number;
  total: number;
  hrefFor: (page: number) => string;
}): Pagination {
  const pageCount = Math.max(1, Math.ceil(options.total / options.pageSize));
  const page = Math.min(options.page, pageCount);
  const first = options.total ? (page - 1) * options.pageSize + 1 : 0;
  return {
    page,
    pageCount,
    total: options.total,
    first,
    last: Math.min(options.total, page * options.pageSize),
    hrefFor: options.hrefFor,
  };
}
