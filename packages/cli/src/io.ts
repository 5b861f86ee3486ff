/** Where a command writes: injected so that tests run the CLI in process. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is an interactive terminal (progress bars are drawn only then). */
  readonly stderrIsTty: boolean;
  /** Monotonic clock in milliseconds (for --timing). */
  readonly now: () => number;
}

/** A problem with what the user gave us: rendered one per line, exit code 2. */
export interface UsageIssue {
  readonly code: string;
  /** Flag, argument or file location the problem is about. */
  readonly where: string;
  readonly message: string;
}

/** Thrown inside command handlers to stop with exit code 2 and these issues. */
export class UsageError extends Error {
  readonly issues: readonly UsageIssue[];
  constructor(issues: readonly UsageIssue[]) {
    super(issues.map((i) => `${i.where}: ${i.message}`).join("; "));
    this.issues = issues;
  }
}

/** Thrown when the model cannot produce a result for valid input: exit code 1. */
export class ModelError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Exit codes of every command (DESIGN §3). */
export const EXIT = { ok: 0, model: 1, usage: 2 } as const;

/** Renders one issue as the house style's single line. */
export function formatIssue(issue: UsageIssue): string {
  return `✖ ${issue.where}  ${issue.message}`;
}
