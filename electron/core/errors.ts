/** An error meant for the user: its message says what went wrong and is shown as is. */
export class UserError extends Error {
  override name = 'UserError';
}
