/**
 * What this area adds to the package's public exports (option and result types, constants).
 * Re-exported by ../../index.ts. The entity types are not called `Collection` / `CollectionItem`
 * because the generated entities already use those names (see ./types.ts).
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
  type CollectionEntity,
  type CollectionItemEntity,
  type CollectionItemState,
  type CollectionTag,
  type CollectionWithAccounts,
  type WrappedCollection,
  type WrappedCollectionItem,
  type WrappedCollections,
} from "./types.js";
