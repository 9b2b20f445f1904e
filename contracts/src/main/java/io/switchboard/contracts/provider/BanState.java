package io.switchboard.contracts.provider;

/** Meta's ban state of a WhatsApp Business Account ({@code account_update} DISABLED_UPDATE). */
public enum BanState {
    /** It will be disabled: the business can still act (appeal, fix) before. */
    SCHEDULE_FOR_DISABLE,
    /** Disabled: its numbers cannot send. */
    DISABLE,
    /** Reinstated: its numbers can send again. */
    REINSTATE
}
