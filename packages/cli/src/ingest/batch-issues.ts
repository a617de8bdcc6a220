/** The issues of a refused batch (400, `[index].field`) put back on the lines of the file the events came from. */

export interface LineIssue {
  /** The line of the event the issue names; undefined when it names the request as a whole. */
  line?: number;
  /** The attribute (`time`, `data.quantity`); empty when the event as a whole is meant. */
  field: string;
  description: string;
}

interface ErrorBody {
  message?: string;
  errorDetails?: { issues?: { subject?: string; description?: string }[] }[];
}

const SUBJECT = /^\[(\d+)\](?:\.(.*))?$/;

/** Every issue of a GreenLake 400 body, with `[i]` turned into the line of the batch's i-th event. */
export function issuesByLine(body: unknown, lines: readonly number[]): LineIssue[] {
  const issues: LineIssue[] = [];
  for (const detail of (body as ErrorBody | undefined)?.errorDetails ?? []) {
    for (const issue of detail.issues ?? []) {
      const subject = issue.subject ?? '';
      const description = issue.description ?? 'invalid';
      const m = SUBJECT.exec(subject);
      const line = m ? lines[Number(m[1])] : undefined;
      if (m && line !== undefined) issues.push({ line, field: m[2] ?? '', description });
      else issues.push({ field: subject, description });
    }
  }
  return issues;
}

/** `FILE:LINE: field: description`, as compilers print theirs. */
export function formatIssue(file: string, issue: LineIssue): string {
  const where = issue.line === undefined ? file : `${file}:${issue.line}`;
  return `${where}: ${issue.field ? `${issue.field}: ` : ''}${issue.description}`;
}
