/**
 * What this area adds to the package's public exports (option and result types, constants).
 * Re-exported by ../../index.ts.
 */

export { NODEINFO_SCHEMA_2_0 } from "./constants.js";
export type {
  DonationCampaign,
  DonationCampaignsOptions,
  DonationFrequency,
} from "./donation-campaigns.js";
export type { InstanceTermsOfServiceOptions, PrivacyPolicy, TranslationLanguages } from "./instance.js";
export type { InstanceNodeinfoOptions } from "./nodeinfo.js";
export type { OEmbed, OembedOptions } from "./oembed.js";
export type { TrendOptions } from "./trends.js";
