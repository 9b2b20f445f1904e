package io.switchboard.simulator.cloud;

/**
 * {@code POST /control/cloud-numbers}: a Cloud API number and the code its owner would receive; {@code
 * businessAccountId} (the WhatsApp Business Account, optional) is what Meta's {@code account_update} webhooks name.
 */
public record CloudNumberRequest(String phoneNumberId, String phone, String code, String businessAccountId) {}
