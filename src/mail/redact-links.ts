/** What replaces a one-time link in the stored copy of a sent message. */
export const REMOVED_LINK_MARKER = '[link removed after delivery]';

/** An absolute http(s) URL, without the punctuation that usually ends the sentence around it. */
const URL_PATTERN = /https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]]/gi;

/** A token in the query (`?token=`, also HTML-escaped as `&amp;token=`) or a `/t/<token>` path. */
const CARRIES_TOKEN = /(?:[?&]|&amp;)token=|\/t\/[^/?#\s]/i;

/**
 * Replaces every link that carries a one-time token with a plain marker, so once a message is
 * delivered the database keeps only the token's hash (in its own table), never the token.
 */
export function redactOneTimeLinks(body: string): string {
  return body.replace(URL_PATTERN, (url) => (CARRIES_TOKEN.test(url) ? REMOVED_LINK_MARKER : url));
}
