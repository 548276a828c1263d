/** An email to send: plain text always, simple HTML when the sender has a version of it. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}
