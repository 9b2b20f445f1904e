package io.switchboard.simulator.cloud;

/** {@code POST /control/cloud-numbers}: a Cloud API number and the code its owner would receive. */
public record CloudNumberRequest(String phoneNumberId, String phone, String code) {}
