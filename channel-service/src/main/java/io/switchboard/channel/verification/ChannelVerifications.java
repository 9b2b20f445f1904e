package io.switchboard.channel.verification;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
class ChannelVerifications implements PanacheRepositoryBase<ChannelVerification, String> {

    /** The channel's verification, created on first use; the caller holds the channel's lock. */
    public ChannelVerification of(String channelId) {
        ChannelVerification verification = findById(channelId);
        if (verification == null) {
            verification = new ChannelVerification();
            verification.channelId = channelId;
            persist(verification);
        }
        return verification;
    }
}
