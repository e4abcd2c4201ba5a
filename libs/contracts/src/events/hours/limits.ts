/**
 * The legal caps (Besluit Vlaamse Regering 29/09/2017), which bound the hour counts in the hours
 * events. The hours service may configure lower caps, never higher ones: a higher cap would make
 * its own events fail validation at every consumer, so raising these is a new event version.
 */
export const MAX_COUNTED_HOURS_PER_MONTH = 60;
export const MAX_COUNTED_HOURS_PER_YEAR = 630;
