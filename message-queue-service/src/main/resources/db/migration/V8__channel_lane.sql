-- The table of each channel's dispatch lane takes the name the code gives it (ChannelLane). A view keeps the old name
-- readable and writable for a replica of the previous release during a rolling upgrade; the next release drops it.
ALTER TABLE channel_view RENAME TO channel_lane;
ALTER TABLE channel_lane RENAME CONSTRAINT channel_view_pkey TO channel_lane_pkey;
ALTER INDEX channel_view_dispatchable RENAME TO channel_lane_dispatchable;
CREATE VIEW channel_view AS SELECT * FROM channel_lane;
