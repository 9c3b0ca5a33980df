export type {
  ApiCatalogEntry,
  CatalogEntry,
  CategoryEntry,
  CodeValue,
  FieldEntry,
  InfoEntry,
  ValueKind,
} from './types.js';
export {
  INTERMEDIATE_SERVER_IDS,
  SERVERS,
  SYSTEM_IDS,
  type IntermediateServerId,
  type ServerId,
  type ServerInfo,
  type SystemId,
} from './servers.js';
export {
  CATALOG,
  catalogEntry,
  catalogForApi,
  childrenOf,
  descendantsOf,
  entryByInfoNumber,
  resolveItemKey,
  serversFor,
} from './lookup.js';
export {
  catalogEntrySchema,
  catalogKeySchema,
  catalogSchema,
  codeValueSchema,
  infoNumberSchema,
  intermediateServerIdSchema,
  valueKindSchema,
} from './schema.js';
