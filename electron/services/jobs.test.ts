import { describe, expect, it } from 'vitest';
import { backgroundTurn } from './jobs';

describe("a background task's turn", () => {
  it("waits while another's transaction is open, then goes on", async () => {
    const connection = { open: true, inTransaction: true };
    let done = false;
    const turn = backgroundTurn(connection).then((open) => ((done = true), open));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(done).toBe(false);
    connection.inTransaction = false;
    await expect(turn).resolves.toBe(true);
  });

  it('ends once the project is closed, also while waiting', async () => {
    await expect(backgroundTurn({ open: false, inTransaction: false })).resolves.toBe(false);
    const connection = { open: true, inTransaction: true };
    const turn = backgroundTurn(connection);
    connection.open = false;
    await expect(turn).resolves.toBe(false);
  });
});
