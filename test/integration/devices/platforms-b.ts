/** The drivers issue 13's branch platforms-b adds (their own variant and dialogue tests iterate this list). */
export const PLATFORMS_B = ['cisco_wlc', 'broadcom_fastpath', 'netgear_prosafe', 'dell_os9', 'dell_os10', 'cisco_sb', 'ruckus_fastiron', 'mellanox_onyx', 'alliedtelesis_awplus', 'tplink_jetstream', 'extreme_voss', 'cisco_ftd'];
