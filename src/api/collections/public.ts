/**
 * What this area adds to the package's public exports (option and result types, constants).
 * Re-exported by ../../index.ts. The entities `Collection` and `CollectionItem` are generated
 * (src/entities/).
 */
export {
  COLLECTION_DESCRIPTION_MAX_LENGTH,
  COLLECTION_MAX_ITEMS,
  COLLECTION_NAME_MAX_LENGTH,
  COLLECTION_PAGE_MAX_LIMIT,
  type CollectionCreateOptions,
  type CollectionPageOptions,
  type CollectionUpdateOptions,
} from "./collection-params.js";
export {
  COLLECTION_ITEM_STATES,
  type CollectionItemState,
  type CollectionWithAccounts,
  type WrappedCollection,
  type WrappedCollectionItem,
  type WrappedCollections,
} from "./types.js";
