/**
 * The dimensions of a stock key besides its warehouse and item (SPEC §3), as
 * the API shows and takes them: '' where a dimension is not used. Import-free,
 * shared with the web app.
 */
export interface KeyDimensions {
  variant: string;
  lot: string;
  serial: string;
  location: string;
  jobOrder: string;
  account: string;
}
