/**
 * Error and warning codes the emulated service reports, with messages in the
 * service's style and the moment of a job at which each typically arises.
 */

/**
 * A job error the emulator can produce.
 *
 * @example
 * ```ts
 * const template: ErrorTemplate = ERROR_CATALOG[1010] ?? errorTemplate(1010);
 * ```
 */
export interface ErrorTemplate {
  readonly code: number;
  /** Builds the message from the first input's URI and the first destination. */
  readonly message: (input: string, destination: string) => string;
  /** Where in the processing time the error usually strikes (0 to 1). */
  readonly atFraction: number;
}

/**
 * A warning the emulator can produce.
 *
 * @example
 * ```ts
 * const { code, message }: WarningTemplate = warningTemplate('230004');
 * ```
 */
export interface WarningTemplate {
  /** Six digits, as `NEW_WARNING` events write it. */
  readonly code: string;
  readonly message: string;
}

/**
 * Error codes by number. 1xxx are job, input or settings problems; 3xxx are
 * access or HTTP problems whose message starts with the code; 1999 is an
 * unknown error whose message is empty.
 *
 * @example
 * ```ts
 * ERROR_CATALOG[1040]?.message('s3://in/a.mp4', 's3://out/');
 * ```
 */
export const ERROR_CATALOG: { readonly [code: number]: ErrorTemplate } = {
  1010: {
    code: 1010,
    message: (input) =>
      `Unable to open input file [${input}]: [Failed probe/open: [No parser found for the container]]`,
    atFraction: 0.01,
  },
  1030: {
    code: 1030,
    message: (input) => `Demuxer: [ReadPacketData failed: unexpected end of data in [${input}]]`,
    atFraction: 0.35,
  },
  1040: {
    code: 1040,
    message: (input) => `Decoder: [Video decode failed at frame 1442 of input [${input}]]`,
    atFraction: 0.5,
  },
  1041: {
    code: 1041,
    message: () => 'Job settings are not compatible with accelerated transcoding: [input clipping]',
    atFraction: 0.01,
  },
  1401: {
    code: 1401,
    message: (_input, destination) =>
      `Unable to write to output file [${destination}]: [Failed to write data: Access Denied]`,
    atFraction: 0.97,
  },
  1434: {
    code: 1434,
    message: (input) =>
      `Unable to open input file [${input}]: [Failed probe/open: [Failed to read data: AssumeRole failed]]`,
    atFraction: 0.01,
  },
  3450: {
    code: 3450,
    message: (input) => `3450: HTTP request for input [${input}] failed: [404 Not Found]`,
    atFraction: 0.01,
  },
  1999: { code: 1999, message: () => '', atFraction: 0.6 },
};

/**
 * The codes the default plans draw from, most common first.
 *
 * @example
 * ```ts
 * random.pick(COMMON_ERROR_CODES); // 1040, for example
 * ```
 */
export const COMMON_ERROR_CODES = [1010, 1040, 1030, 1401, 3450, 1999] as const;

/**
 * Warning codes by their six-digit string.
 *
 * @example
 * ```ts
 * WARNING_CATALOG['230004']?.message;
 * ```
 */
export const WARNING_CATALOG: { readonly [code: string]: WarningTemplate } = {
  '230001': {
    code: '230001',
    message: 'Input color space metadata is missing; the service assumed BT.709.',
  },
  '230002': {
    code: '230002',
    message: 'Audio and video durations differ; the shorter track was padded.',
  },
  '230004': {
    code: '230004',
    message: 'The input frame rate varies; output timing follows the first segment.',
  },
  '230005': {
    code: '230005',
    message: 'An input caption track could not be read and was skipped.',
  },
  '100000': {
    code: '100000',
    message: 'The job waited past its hop time but could not move to the destination queue.',
  },
};

/**
 * The warning codes the default plans draw from.
 *
 * @example
 * ```ts
 * random.pick(COMMON_WARNING_CODES); // '230004', for example
 * ```
 */
export const COMMON_WARNING_CODES = ['230001', '230002', '230004', '230005'] as const;

/**
 * The template for a code, or a generic one for codes the catalog lacks
 * (error codes are an open set).
 *
 * @example
 * ```ts
 * errorTemplate(1056).message('s3://in/a.mp4', 's3://out/');
 * ```
 */
export function errorTemplate(code: number): ErrorTemplate {
  return (
    ERROR_CATALOG[code] ?? {
      code,
      message: (input) =>
        `${code >= 3000 ? `${code}: ` : ''}Job failed while processing [${input}]`,
      atFraction: 0.5,
    }
  );
}

/**
 * The template for a warning code, or a generic one.
 *
 * @example
 * ```ts
 * warningTemplate('230004').message;
 * ```
 */
export function warningTemplate(code: string): WarningTemplate {
  return (
    WARNING_CATALOG[code] ?? {
      code,
      message: `Warning ${code} was raised while processing the job.`,
    }
  );
}
