import type { Job } from "../scheduler.js";

/** What the channel jobs need: publishing is the Teams layer's, the timing is the scheduler's. */
export interface ChannelJobs {
  refreshAll(): Promise<Record<string, number>>;
  postDigests(): Promise<Record<string, number>>;
}

export const CHANNEL_STATUS = "channel-status";
export const CHANNEL_DIGEST = "channel-digest";

/** Every tick: each linked channel's status card, updated in place when what it shows changed. */
export function channelStatusJob(channels: ChannelJobs): Job {
  return { name: CHANNEL_STATUS, oneInstance: true, run: () => channels.refreshAll() };
}

/** Every tick: the weekly digest, posted once per channel after its morning has come. */
export function channelDigestJob(channels: ChannelJobs): Job {
  return { name: CHANNEL_DIGEST, oneInstance: true, run: () => channels.postDigests() };
}
