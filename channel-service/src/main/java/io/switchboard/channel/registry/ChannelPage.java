package io.switchboard.channel.registry;

import java.util.List;

/** A page of channels, newest first. */
record ChannelPage(List<ChannelView> items, int page, int size, long total) {}
