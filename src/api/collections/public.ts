/**
 * What this area adds to the package's public exports (option and result types, constants).
 * Re-exported by ../../index.ts. The entities `Collection` and `CollectionItem` are generated
 * (src/entities/).
 */
export type {
  CollectionCreateOptions,
  CollectionPageOptions,
  CollectionUpdateOptions,
} from "./collection-params.js";
export {
  COLLECTION_DESCRIPTION_MAX_LENGTH,
  COLLECTION_ITEM_STATES,
  COLLECTION_MAX_ITEMS,
  COLLECTION_NAME_MAX_LENGTH,
  COLLECTION_PAGE_MAX_LIMIT,
} from "./constants.js";
export type {
  CollectionItemState,
  CollectionWithAccounts,
  WrappedCollection,
  WrappedCollectionItem,
  WrappedCollections,
} from "./types.js";
