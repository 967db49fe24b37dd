/**
 * Input adapters: everything an application receives about MediaConvert jobs
 * (EventBridge events in any delivery wrapper, API responses in any form)
 * turned into normalised {@link JobInput}s.
 */
export {
  parseInputs,
  safeParseInputs,
  parseEvent,
  safeParseEvent,
  parseApiResponse,
  safeParseApiResponse,
  type SafeParseInputsResult,
  type SafeParseEventResult,
  type SafeParseApiResponseResult,
} from './parse.js';
export {
  SkipReason,
  type ParsedItem,
  type ParsedEvent,
  type ParsedItemSource,
  type InputItem,
  type SkippedItem,
  type InvalidItem,
} from './items.js';
export { DEFAULT_PARSE_LIMITS, type ParseOptions } from './options.js';
export {
  parseApiJob,
  type ApiJob,
  type ApiWireJob,
  type ApiResponse,
  type ApiTime,
} from './api.js';
export {
  MEDIACONVERT_EVENT_SOURCE,
  JOB_STATE_CHANGE_DETAIL_TYPE,
  CLOUDTRAIL_DETAIL_TYPE,
  type MediaConvertJobStateChangeEvent,
  type MediaConvertJobStateChangeDetail,
} from './eventbridge.js';
export { UNKNOWN_OUTPUT_GROUP_TYPE } from './outputs.js';
export { normaliseWarningCode } from './warnings.js';
