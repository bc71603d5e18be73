/**
 * Donation campaigns: the appeal for donations (to Mastodon's non-profit) that the web UI shows as
 * a banner, on servers whose operator configured a campaigns service (e.g. mastodon.social).
 * Mastodon.py has no method for it.
 */
import type { CustomMethods } from "../define.js";
import type { EndpointSpec } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { optionalText, requireOptions, without } from "../validate.js";

/** How often a suggested donation recurs. */
export type DonationFrequency = "one_time" | "monthly" | "yearly";

/**
 * A donation campaign, passed through by Mastodon from an external campaigns service. Not
 * documented by Mastodon; described here from what its web UI reads, so fields may be missing.
 */
export interface DonationCampaign {
  /** The campaign's id at the campaigns service. */
  id: string;
  /** The language of the texts. */
  locale?: string | undefined;
  /** Suggested amounts per frequency and currency code, e.g. `amounts.monthly.EUR = [300, 500]`. */
  amounts?: Partial<Record<DonationFrequency, Record<string, number[]>>> | undefined;
  /** The currency to preselect. */
  default_currency?: string | undefined;
  /** Where to donate. */
  donation_url?: string | undefined;
  /** The text of the banner that invites the user to donate. */
  banner_message?: string | undefined;
  /** The label of the banner's button, which opens the donation dialog. */
  banner_button_text?: string | undefined;
  /** The text shown in the donation dialog, above the amounts. */
  donation_message?: string | undefined;
  /** The label of the dialog's button that leads to `donation_url`. */
  donation_button_text?: string | undefined;
  /** A status text suggested to post after donating. */
  donation_success_post?: string | undefined;
}

/** Options of donationCampaigns. A `lang` that is not a string throws MastodonIllegalArgumentError. */
export interface DonationCampaignsOptions {
  /**
   * The language of the campaign's texts (an ISO 639 code). Without it the client's `lang`, else
   * the user's own language setting. The campaign itself is picked by the server from the
   * account, so a client cannot choose one (there is no seed or locale parameter).
   */
  lang?: string | undefined;
}

const DONATION_CAMPAIGNS: EndpointSpec = {
  // Undocumented; added in 4.6.0 (mastodon/mastodon#37880).
  route: "GET /api/v1/donation_campaigns",
  since: "4.6.0",
  // No page of its own; the server's self-description is the closest.
  docs: "methods/instance/",
};

export interface DonationCampaignCustomMethods {
  /**
   * The donation campaign to show the logged-in user now, or null when there is none (the server
   * answers 204: no campaign running, or no campaigns service configured). Needs a user token.
   * Undocumented; Mastodon 4.6.0; not in Mastodon.py.
   * https://docs.joinmastodon.org/methods/instance/ (the closest page)
   */
  donationCampaigns: { args: []; options: DonationCampaignsOptions; result: DonationCampaign | null };
}

export const donationCampaignCustom = {
  async donationCampaigns(options) {
    const method = "donationCampaigns";
    requireOptions(method, options);
    const params = without(options, "lang");
    const lang = optionalText(method, "lang", options?.lang);
    if (lang) params.lang = lang;
    const campaign = await this[INTERNAL].call(method, DONATION_CAMPAIGNS, [params]);
    return (campaign ?? null) as DonationCampaign | null;
  },
} satisfies CustomMethods<DonationCampaignCustomMethods>;
