/**
 * Loads the parts of the command line that need the AWS SDK only when a
 * command uses them, so that `replay` works where the optional peer
 * dependency `@aws-sdk/client-mediaconvert` is not installed.
 */
import type { CliIo } from '../io.js';

/**
 * The `mediaconvert-job-tracker/aws` entry point's module.
 *
 * @example
 * ```ts
 * const aws: AwsModule | null = await loadAws(io);
 * ```
 */
export type AwsModule = typeof import('../../aws/index.js');
/**
 * The `@aws-sdk/client-mediaconvert` module.
 *
 * @example
 * ```ts
 * const sdk: SdkModule | null = await loadSdk(io);
 * ```
 */
export type SdkModule = typeof import('@aws-sdk/client-mediaconvert');

function missingSdk(error: unknown, io: CliIo): null {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    io.stderr.write(
      'This command needs the AWS SDK: npm install @aws-sdk/client-mediaconvert\n',
    );
    return null;
  }
  throw error;
}

/**
 * The aws entry point, or `null` (after saying why on stderr) when the SDK is missing.
 *
 * @example
 * ```ts
 * const aws = await loadAws(io);
 * if (aws === null) return ExitCode.USAGE;
 * ```
 */
export async function loadAws(io: CliIo): Promise<AwsModule | null> {
  try {
    return await import('../../aws/index.js');
  } catch (error) {
    return missingSdk(error, io);
  }
}

/**
 * The SDK, or `null` (after saying why on stderr) when it is missing.
 *
 * @example
 * ```ts
 * const sdk = await loadSdk(io);
 * const client = sdk && new sdk.MediaConvertClient({ region: 'us-west-2' });
 * ```
 */
export async function loadSdk(io: CliIo): Promise<SdkModule | null> {
  try {
    return await import('@aws-sdk/client-mediaconvert');
  } catch (error) {
    return missingSdk(error, io);
  }
}

/**
 * The aws entry point and the SDK together, or `null` after saying once on
 * stderr that the SDK is missing. It also turns off the SDK's notice about
 * future Node.js versions, which would land in the middle of a live view
 * and is about deployments rather than this command (set
 * `AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=false` to see it).
 *
 * @example
 * ```ts
 * const modules = await loadFollowModules(io);
 * if (modules === null) return ExitCode.USAGE;
 * const client = new modules.sdk.MediaConvertClient({ region });
 * ```
 */
export async function loadFollowModules(
  io: CliIo,
): Promise<{ readonly aws: AwsModule; readonly sdk: SdkModule } | null> {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const aws = await loadAws(io);
  if (aws === null) return null;
  const sdk = await loadSdk(io);
  return sdk === null ? null : { aws, sdk };
}
