/** FilterSyntaxError: the only error the filter language ever throws. */

export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError';

  /**
   * @param reason what is wrong, without the position ("expected a literal after 'eq', found ')'")
   * @param position 0-based offset (UTF-16 code units) into the filter text
   * @param hint how to fix it, when there is something useful to say ("use eq, ne, …")
   */
  constructor(
    readonly reason: string,
    readonly position: number,
    readonly hint?: string,
  ) {
    super(`${reason} at position ${position}${hint === undefined ? '' : `; ${hint}`}`);
  }
}
