/**
 * One signed-in UI: the Electron window or the browser tab of the HTTP bridge. Holds who is logged in and
 * when they last did something, so an unattended PC in a shared office locks itself.
 */
export class Session {
  operatorId: string | null = null;
  locked = false;
  private lastActivityMs: number;

  constructor(private readonly now: () => number = Date.now) {
    this.lastActivityMs = now();
  }

  signIn(operatorId: string): void {
    this.operatorId = operatorId;
    this.locked = false;
    this.touch();
  }

  signOut(): void {
    this.operatorId = null;
    this.locked = false;
  }

  touch(): void {
    this.lastActivityMs = this.now();
  }

  /** Locks when idle longer than the office's setting; the UI also locks itself on its own timer. */
  lockIfIdle(idleMinutes: number): void {
    if (this.operatorId && this.now() - this.lastActivityMs > idleMinutes * 60_000) this.locked = true;
  }
}
