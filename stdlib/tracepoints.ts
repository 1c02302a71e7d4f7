// Generated from runtime/tracepoint/formats.json (tracefs formats of Linux 6.18) by
// compiler/frontend/tracepoint-types.ts; test/compiler/stdlib.test.ts checks it is current
// (UPDATE_GOLDEN=1 regenerates it). Do not edit by hand.
import type { CString, DataLoc, FixedArray, Ptr, i16, i32, i64, i8, u16, u32, u64, u8 } from "./types.js";

/** Tracepoint records by `category/name`: what a tracepoint program's ctx holds. */
export interface TracepointArgs {
  "block/blk_zone_append_update_request_bio": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly nr_sector: u32;
    readonly bytes: u32;
    readonly ioprio: u16;
    readonly rwbs: CString<10>;
    readonly comm: CString<16>;
    readonly cmd: DataLoc;
  };
  "block/blk_zone_wplug_bio": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly zno: u32;
    readonly sector: u64;
    readonly nr_sectors: u32;
  };
  "block/blkdev_zone_mgmt": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly nr_sectors: u64;
    readonly rwbs: CString<10>;
  };
  "block/block_bio_backmerge": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly nr_sector: u32;
    readonly rwbs: CString<10>;
    readonly comm: CString<16>;
  };
  "block/block_bio_complete": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly nr_sector: u32;
    readonly error: i32;
    readonly rwbs: CString<10>;
  };
  "block/block_bio_frontmerge": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly nr_sector: u32;
    readonly rwbs: CString<10>;
    readonly comm: CString<16>;
  };
  "block/block_bio_queue": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly nr_sector: u32;
    readonly rwbs: CString<10>;
    readonly comm: CString<16>;
  };
  "block/block_bio_remap": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly nr_sector: u32;
    readonly old_dev: u32;
    readonly old_sector: u64;
    readonly rwbs: CString<10>;
  };
  "block/block_dirty_buffer": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly size: u64;
  };
  "block/block_getrq": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly nr_sector: u32;
    readonly rwbs: CString<10>;
    readonly comm: CString<16>;
  };
  "block/block_io_done": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly nr_sector: u32;
    readonly bytes: u32;
    readonly ioprio: u16;
    readonly rwbs: CString<10>;
    readonly comm: CString<16>;
    readonly cmd: DataLoc;
  };
  "block/block_io_start": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly nr_sector: u32;
    readonly bytes: u32;
    readonly ioprio: u16;
    readonly rwbs: CString<10>;
    readonly comm: CString<16>;
    readonly cmd: DataLoc;
  };
  "block/block_plug": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly comm: CString<16>;
  };
  "block/block_rq_complete": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly nr_sector: u32;
    readonly error: i32;
    readonly ioprio: u16;
    readonly rwbs: CString<10>;
    readonly cmd: DataLoc;
  };
  "block/block_rq_error": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly nr_sector: u32;
    readonly error: i32;
    readonly ioprio: u16;
    readonly rwbs: CString<10>;
    readonly cmd: DataLoc;
  };
  "block/block_rq_insert": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly nr_sector: u32;
    readonly bytes: u32;
    readonly ioprio: u16;
    readonly rwbs: CString<10>;
    readonly comm: CString<16>;
    readonly cmd: DataLoc;
  };
  "block/block_rq_issue": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly nr_sector: u32;
    readonly bytes: u32;
    readonly ioprio: u16;
    readonly rwbs: CString<10>;
    readonly comm: CString<16>;
    readonly cmd: DataLoc;
  };
  "block/block_rq_merge": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly nr_sector: u32;
    readonly bytes: u32;
    readonly ioprio: u16;
    readonly rwbs: CString<10>;
    readonly comm: CString<16>;
    readonly cmd: DataLoc;
  };
  "block/block_rq_remap": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly nr_sector: u32;
    readonly old_dev: u32;
    readonly old_sector: u64;
    readonly nr_bios: u32;
    readonly rwbs: CString<10>;
  };
  "block/block_rq_requeue": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly nr_sector: u32;
    readonly ioprio: u16;
    readonly rwbs: CString<10>;
    readonly cmd: DataLoc;
  };
  "block/block_split": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly new_sector: u64;
    readonly rwbs: CString<10>;
    readonly comm: CString<16>;
  };
  "block/block_touch_buffer": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly sector: u64;
    readonly size: u64;
  };
  "block/block_unplug": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly nr_rq: i32;
    readonly comm: CString<16>;
  };
  "block/disk_zone_wplug_add_bio": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly dev: u32;
    readonly zno: u32;
    readonly sector: u64;
    readonly nr_sectors: u32;
  };
  "irq/irq_handler_entry": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly irq: i32;
    readonly name: DataLoc;
  };
  "irq/irq_handler_exit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly irq: i32;
    readonly ret: i32;
  };
  "irq/softirq_entry": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly vec: u32;
  };
  "irq/softirq_exit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly vec: u32;
  };
  "irq/softirq_raise": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly vec: u32;
  };
  "irq/tasklet_entry": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly tasklet: Ptr;
    readonly func: Ptr;
  };
  "irq/tasklet_exit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly tasklet: Ptr;
    readonly func: Ptr;
  };
  "napi/dql_stall_detected": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly thrs: u16;
    readonly len: u32;
    readonly last_reap: u64;
    readonly hist_head: u64;
    readonly now: u64;
    readonly hist: FixedArray<u64, 4>;
  };
  "napi/napi_poll": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly napi: Ptr;
    readonly dev_name: DataLoc;
    readonly work: i32;
    readonly budget: i32;
  };
  "net/napi_gro_frags_entry": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly name: DataLoc;
    readonly napi_id: u32;
    readonly queue_mapping: u16;
    readonly skbaddr: Ptr;
    readonly vlan_tagged: u8;
    readonly vlan_proto: u16;
    readonly vlan_tci: u16;
    readonly protocol: u16;
    readonly ip_summed: u8;
    readonly hash: u32;
    readonly l4_hash: u8;
    readonly len: u32;
    readonly data_len: u32;
    readonly truesize: u32;
    readonly mac_header_valid: u8;
    readonly mac_header: i32;
    readonly nr_frags: u8;
    readonly gso_size: u16;
    readonly gso_type: u16;
  };
  "net/napi_gro_frags_exit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly ret: i32;
  };
  "net/napi_gro_receive_entry": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly name: DataLoc;
    readonly napi_id: u32;
    readonly queue_mapping: u16;
    readonly skbaddr: Ptr;
    readonly vlan_tagged: u8;
    readonly vlan_proto: u16;
    readonly vlan_tci: u16;
    readonly protocol: u16;
    readonly ip_summed: u8;
    readonly hash: u32;
    readonly l4_hash: u8;
    readonly len: u32;
    readonly data_len: u32;
    readonly truesize: u32;
    readonly mac_header_valid: u8;
    readonly mac_header: i32;
    readonly nr_frags: u8;
    readonly gso_size: u16;
    readonly gso_type: u16;
  };
  "net/napi_gro_receive_exit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly ret: i32;
  };
  "net/net_dev_queue": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skbaddr: Ptr;
    readonly len: u32;
    readonly name: DataLoc;
  };
  "net/net_dev_start_xmit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly name: DataLoc;
    readonly queue_mapping: u16;
    readonly skbaddr: Ptr;
    readonly vlan_tagged: u8;
    readonly vlan_proto: u16;
    readonly vlan_tci: u16;
    readonly protocol: u16;
    readonly ip_summed: u8;
    readonly len: u32;
    readonly data_len: u32;
    readonly network_offset: i32;
    readonly transport_offset_valid: u8;
    readonly transport_offset: i32;
    readonly tx_flags: u8;
    readonly gso_size: u16;
    readonly gso_segs: u16;
    readonly gso_type: u16;
  };
  "net/net_dev_xmit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skbaddr: Ptr;
    readonly len: u32;
    readonly rc: i32;
    readonly name: DataLoc;
  };
  "net/net_dev_xmit_timeout": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly name: DataLoc;
    readonly driver: DataLoc;
    readonly queue_index: i32;
  };
  "net/netif_receive_skb": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skbaddr: Ptr;
    readonly len: u32;
    readonly name: DataLoc;
  };
  "net/netif_receive_skb_entry": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly name: DataLoc;
    readonly napi_id: u32;
    readonly queue_mapping: u16;
    readonly skbaddr: Ptr;
    readonly vlan_tagged: u8;
    readonly vlan_proto: u16;
    readonly vlan_tci: u16;
    readonly protocol: u16;
    readonly ip_summed: u8;
    readonly hash: u32;
    readonly l4_hash: u8;
    readonly len: u32;
    readonly data_len: u32;
    readonly truesize: u32;
    readonly mac_header_valid: u8;
    readonly mac_header: i32;
    readonly nr_frags: u8;
    readonly gso_size: u16;
    readonly gso_type: u16;
  };
  "net/netif_receive_skb_exit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly ret: i32;
  };
  "net/netif_receive_skb_list_entry": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly name: DataLoc;
    readonly napi_id: u32;
    readonly queue_mapping: u16;
    readonly skbaddr: Ptr;
    readonly vlan_tagged: u8;
    readonly vlan_proto: u16;
    readonly vlan_tci: u16;
    readonly protocol: u16;
    readonly ip_summed: u8;
    readonly hash: u32;
    readonly l4_hash: u8;
    readonly len: u32;
    readonly data_len: u32;
    readonly truesize: u32;
    readonly mac_header_valid: u8;
    readonly mac_header: i32;
    readonly nr_frags: u8;
    readonly gso_size: u16;
    readonly gso_type: u16;
  };
  "net/netif_receive_skb_list_exit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly ret: i32;
  };
  "net/netif_rx": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skbaddr: Ptr;
    readonly len: u32;
    readonly name: DataLoc;
  };
  "net/netif_rx_entry": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly name: DataLoc;
    readonly napi_id: u32;
    readonly queue_mapping: u16;
    readonly skbaddr: Ptr;
    readonly vlan_tagged: u8;
    readonly vlan_proto: u16;
    readonly vlan_tci: u16;
    readonly protocol: u16;
    readonly ip_summed: u8;
    readonly hash: u32;
    readonly l4_hash: u8;
    readonly len: u32;
    readonly data_len: u32;
    readonly truesize: u32;
    readonly mac_header_valid: u8;
    readonly mac_header: i32;
    readonly nr_frags: u8;
    readonly gso_size: u16;
    readonly gso_type: u16;
  };
  "net/netif_rx_exit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly ret: i32;
  };
  "oom/compact_retry": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly order: i32;
    readonly priority: i32;
    readonly result: i32;
    readonly retries: i32;
    readonly max_retries: i32;
    readonly ret: u8;
  };
  "oom/finish_task_reaping": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly pid: i32;
  };
  "oom/mark_victim": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly pid: i32;
    readonly comm: DataLoc;
    readonly total_vm: u64;
    readonly anon_rss: u64;
    readonly file_rss: u64;
    readonly shmem_rss: u64;
    readonly uid: u32;
    readonly pgtables: u64;
    readonly oom_score_adj: i16;
  };
  "oom/oom_score_adj_update": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly pid: i32;
    readonly comm: CString<16>;
    readonly oom_score_adj: i16;
  };
  "oom/reclaim_retry_zone": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly node: i32;
    readonly zone_idx: i32;
    readonly order: i32;
    readonly reclaimable: u64;
    readonly available: u64;
    readonly min_wmark: u64;
    readonly no_progress_loops: i32;
    readonly wmark_check: u8;
  };
  "oom/skip_task_reaping": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly pid: i32;
  };
  "oom/start_task_reaping": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly pid: i32;
  };
  "oom/wake_reaper": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly pid: i32;
  };
  "raw_syscalls/sys_enter": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly id: i64;
    readonly args: FixedArray<u64, 6>;
  };
  "raw_syscalls/sys_exit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly id: i64;
    readonly ret: i64;
  };
  "sched/sched_kthread_stop": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly comm: DataLoc;
    readonly pid: i32;
  };
  "sched/sched_kthread_stop_ret": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly ret: i32;
  };
  "sched/sched_kthread_work_execute_end": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly work: Ptr;
    readonly function: Ptr;
  };
  "sched/sched_kthread_work_execute_start": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly work: Ptr;
    readonly function: Ptr;
  };
  "sched/sched_kthread_work_queue_work": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly work: Ptr;
    readonly function: Ptr;
    readonly worker: Ptr;
  };
  "sched/sched_migrate_task": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly comm: DataLoc;
    readonly pid: i32;
    readonly prio: i32;
    readonly orig_cpu: i32;
    readonly dest_cpu: i32;
  };
  "sched/sched_move_numa": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly pid: i32;
    readonly tgid: i32;
    readonly ngid: i32;
    readonly src_cpu: i32;
    readonly src_nid: i32;
    readonly dst_cpu: i32;
    readonly dst_nid: i32;
  };
  "sched/sched_pi_setprio": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly comm: DataLoc;
    readonly pid: i32;
    readonly oldprio: i32;
    readonly newprio: i32;
  };
  "sched/sched_prepare_exec": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly interp: DataLoc;
    readonly filename: DataLoc;
    readonly pid: i32;
    readonly comm: DataLoc;
  };
  "sched/sched_process_exec": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly filename: DataLoc;
    readonly pid: i32;
    readonly old_pid: i32;
  };
  "sched/sched_process_exit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly comm: CString<16>;
    readonly pid: i32;
    readonly prio: i32;
    readonly group_dead: u8;
  };
  "sched/sched_process_fork": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly parent_comm: DataLoc;
    readonly parent_pid: i32;
    readonly child_comm: DataLoc;
    readonly child_pid: i32;
  };
  "sched/sched_process_free": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly comm: DataLoc;
    readonly pid: i32;
    readonly prio: i32;
  };
  "sched/sched_process_hang": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly comm: DataLoc;
    readonly pid: i32;
  };
  "sched/sched_process_wait": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly comm: DataLoc;
    readonly pid: i32;
    readonly prio: i32;
  };
  "sched/sched_skip_cpuset_numa": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly comm: CString<16>;
    readonly pid: i32;
    readonly tgid: i32;
    readonly ngid: i32;
    readonly mem_allowed: FixedArray<u64, 16>;
  };
  "sched/sched_skip_vma_numa": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly numa_scan_offset: u64;
    readonly vm_start: u64;
    readonly vm_end: u64;
    readonly reason: u32;
  };
  "sched/sched_stat_runtime": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly comm: DataLoc;
    readonly pid: i32;
    readonly runtime: u64;
  };
  "sched/sched_stick_numa": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly src_pid: i32;
    readonly src_tgid: i32;
    readonly src_ngid: i32;
    readonly src_cpu: i32;
    readonly src_nid: i32;
    readonly dst_pid: i32;
    readonly dst_tgid: i32;
    readonly dst_ngid: i32;
    readonly dst_cpu: i32;
    readonly dst_nid: i32;
  };
  "sched/sched_swap_numa": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly src_pid: i32;
    readonly src_tgid: i32;
    readonly src_ngid: i32;
    readonly src_cpu: i32;
    readonly src_nid: i32;
    readonly dst_pid: i32;
    readonly dst_tgid: i32;
    readonly dst_ngid: i32;
    readonly dst_cpu: i32;
    readonly dst_nid: i32;
  };
  "sched/sched_switch": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly prev_comm: CString<16>;
    readonly prev_pid: i32;
    readonly prev_prio: i32;
    readonly prev_state: i64;
    readonly next_comm: CString<16>;
    readonly next_pid: i32;
    readonly next_prio: i32;
  };
  "sched/sched_wait_task": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly comm: DataLoc;
    readonly pid: i32;
    readonly prio: i32;
  };
  "sched/sched_wake_idle_without_ipi": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly cpu: i32;
  };
  "sched/sched_wakeup": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly comm: CString<16>;
    readonly pid: i32;
    readonly prio: i32;
    readonly target_cpu: i32;
  };
  "sched/sched_wakeup_new": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly comm: CString<16>;
    readonly pid: i32;
    readonly prio: i32;
    readonly target_cpu: i32;
  };
  "sched/sched_waking": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly comm: CString<16>;
    readonly pid: i32;
    readonly prio: i32;
    readonly target_cpu: i32;
  };
  "signal/signal_deliver": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly sig: i32;
    readonly errno: i32;
    readonly code: i32;
    readonly sa_handler: u64;
    readonly sa_flags: u64;
  };
  "signal/signal_generate": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly sig: i32;
    readonly errno: i32;
    readonly code: i32;
    readonly comm: CString<16>;
    readonly pid: i32;
    readonly group: i32;
    readonly result: i32;
  };
  "skb/consume_skb": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skbaddr: Ptr;
    readonly location: Ptr;
  };
  "skb/kfree_skb": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skbaddr: Ptr;
    readonly location: Ptr;
    readonly rx_sk: Ptr;
    readonly protocol: u16;
    readonly reason: u32;
  };
  "skb/skb_copy_datagram_iovec": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skbaddr: Ptr;
    readonly len: i32;
  };
  "sock/inet_sk_error_report": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly error: i32;
    readonly sport: u16;
    readonly dport: u16;
    readonly family: u16;
    readonly protocol: u16;
    readonly saddr: CString<4>;
    readonly daddr: CString<4>;
    readonly saddr_v6: CString<16>;
    readonly daddr_v6: CString<16>;
  };
  "sock/inet_sock_set_state": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skaddr: Ptr;
    readonly oldstate: i32;
    readonly newstate: i32;
    readonly sport: u16;
    readonly dport: u16;
    readonly family: u16;
    readonly protocol: u16;
    readonly saddr: CString<4>;
    readonly daddr: CString<4>;
    readonly saddr_v6: CString<16>;
    readonly daddr_v6: CString<16>;
  };
  "sock/sk_data_ready": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skaddr: Ptr;
    readonly family: u16;
    readonly protocol: u16;
    readonly ip: u64;
  };
  "sock/sock_exceed_buf_limit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly name: CString<32>;
    readonly sysctl_mem: FixedArray<i64, 3>;
    readonly allocated: i64;
    readonly sysctl_rmem: i32;
    readonly rmem_alloc: i32;
    readonly sysctl_wmem: i32;
    readonly wmem_alloc: i32;
    readonly wmem_queued: i32;
    readonly kind: i32;
  };
  "sock/sock_rcvqueue_full": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly rmem_alloc: i32;
    readonly truesize: u32;
    readonly sk_rcvbuf: i32;
  };
  "sock/sock_recv_length": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly sk: Ptr;
    readonly family: u16;
    readonly protocol: u16;
    readonly ret: i32;
    readonly flags: i32;
  };
  "sock/sock_send_length": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly sk: Ptr;
    readonly family: u16;
    readonly protocol: u16;
    readonly ret: i32;
    readonly flags: i32;
  };
  "syscalls/sys_enter_accept": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly upeer_sockaddr: Ptr;
    readonly upeer_addrlen: Ptr;
  };
  "syscalls/sys_enter_accept4": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly upeer_sockaddr: Ptr;
    readonly upeer_addrlen: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_access": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly filename: Ptr;
    readonly mode: u64;
  };
  "syscalls/sys_enter_acct": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly name: Ptr;
  };
  "syscalls/sys_enter_add_key": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly _type: Ptr;
    readonly _description: Ptr;
    readonly _payload: Ptr;
    readonly plen: u64;
    readonly ringid: u64;
  };
  "syscalls/sys_enter_adjtimex": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly txc_p: Ptr;
  };
  "syscalls/sys_enter_alarm": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly seconds: u64;
  };
  "syscalls/sys_enter_arch_prctl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly option: u64;
    readonly arg2: u64;
  };
  "syscalls/sys_enter_bind": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly umyaddr: Ptr;
    readonly addrlen: u64;
  };
  "syscalls/sys_enter_bpf": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly cmd: u64;
    readonly uattr: Ptr;
    readonly size: u64;
  };
  "syscalls/sys_enter_brk": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly brk: u64;
  };
  "syscalls/sys_enter_cachestat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly cstat_range: Ptr;
    readonly cstat: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_capget": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly header: u64;
    readonly dataptr: u64;
  };
  "syscalls/sys_enter_capset": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly header: u64;
    readonly data: u64;
  };
  "syscalls/sys_enter_chdir": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly filename: Ptr;
  };
  "syscalls/sys_enter_chmod": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly filename: Ptr;
    readonly mode: u64;
  };
  "syscalls/sys_enter_chown": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly filename: Ptr;
    readonly user: u64;
    readonly group: u64;
  };
  "syscalls/sys_enter_chroot": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly filename: Ptr;
  };
  "syscalls/sys_enter_clock_adjtime": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly which_clock: u64;
    readonly utx: Ptr;
  };
  "syscalls/sys_enter_clock_getres": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly which_clock: u64;
    readonly tp: Ptr;
  };
  "syscalls/sys_enter_clock_gettime": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly which_clock: u64;
    readonly tp: Ptr;
  };
  "syscalls/sys_enter_clock_nanosleep": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly which_clock: u64;
    readonly flags: u64;
    readonly rqtp: Ptr;
    readonly rmtp: Ptr;
  };
  "syscalls/sys_enter_clock_settime": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly which_clock: u64;
    readonly tp: Ptr;
  };
  "syscalls/sys_enter_clone": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly clone_flags: u64;
    readonly newsp: u64;
    readonly parent_tidptr: Ptr;
    readonly child_tidptr: Ptr;
    readonly tls: u64;
  };
  "syscalls/sys_enter_clone3": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly uargs: Ptr;
    readonly size: u64;
  };
  "syscalls/sys_enter_close": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
  };
  "syscalls/sys_enter_close_range": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly max_fd: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_connect": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly uservaddr: Ptr;
    readonly addrlen: u64;
  };
  "syscalls/sys_enter_copy_file_range": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd_in: u64;
    readonly off_in: Ptr;
    readonly fd_out: u64;
    readonly off_out: Ptr;
    readonly len: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_creat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pathname: Ptr;
    readonly mode: u64;
  };
  "syscalls/sys_enter_dup": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fildes: u64;
  };
  "syscalls/sys_enter_dup2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly oldfd: u64;
    readonly newfd: u64;
  };
  "syscalls/sys_enter_dup3": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly oldfd: u64;
    readonly newfd: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_epoll_create": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly size: u64;
  };
  "syscalls/sys_enter_epoll_create1": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly flags: u64;
  };
  "syscalls/sys_enter_epoll_ctl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly epfd: u64;
    readonly op: u64;
    readonly fd: u64;
    readonly event: Ptr;
  };
  "syscalls/sys_enter_epoll_pwait": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly epfd: u64;
    readonly events: Ptr;
    readonly maxevents: u64;
    readonly timeout: u64;
    readonly sigmask: Ptr;
    readonly sigsetsize: u64;
  };
  "syscalls/sys_enter_epoll_pwait2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly epfd: u64;
    readonly events: Ptr;
    readonly maxevents: u64;
    readonly timeout: Ptr;
    readonly sigmask: Ptr;
    readonly sigsetsize: u64;
  };
  "syscalls/sys_enter_epoll_wait": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly epfd: u64;
    readonly events: Ptr;
    readonly maxevents: u64;
    readonly timeout: u64;
  };
  "syscalls/sys_enter_eventfd": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly count: u64;
  };
  "syscalls/sys_enter_eventfd2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly count: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_execve": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly filename: Ptr;
    readonly argv: Ptr;
    readonly envp: Ptr;
  };
  "syscalls/sys_enter_execveat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly filename: Ptr;
    readonly argv: Ptr;
    readonly envp: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_exit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly error_code: u64;
  };
  "syscalls/sys_enter_exit_group": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly error_code: u64;
  };
  "syscalls/sys_enter_faccessat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly filename: Ptr;
    readonly mode: u64;
  };
  "syscalls/sys_enter_faccessat2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly filename: Ptr;
    readonly mode: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_fadvise64": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly offset: u64;
    readonly len: u64;
    readonly advice: u64;
  };
  "syscalls/sys_enter_fallocate": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly mode: u64;
    readonly offset: u64;
    readonly len: u64;
  };
  "syscalls/sys_enter_fanotify_init": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly flags: u64;
    readonly event_f_flags: u64;
  };
  "syscalls/sys_enter_fanotify_mark": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fanotify_fd: u64;
    readonly flags: u64;
    readonly mask: u64;
    readonly dfd: u64;
    readonly pathname: Ptr;
  };
  "syscalls/sys_enter_fchdir": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
  };
  "syscalls/sys_enter_fchmod": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly mode: u64;
  };
  "syscalls/sys_enter_fchmodat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly filename: Ptr;
    readonly mode: u64;
  };
  "syscalls/sys_enter_fchmodat2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly filename: Ptr;
    readonly mode: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_fchown": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly user: u64;
    readonly group: u64;
  };
  "syscalls/sys_enter_fchownat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly filename: Ptr;
    readonly user: u64;
    readonly group: u64;
    readonly flag: u64;
  };
  "syscalls/sys_enter_fcntl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly cmd: u64;
    readonly arg: u64;
  };
  "syscalls/sys_enter_fdatasync": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
  };
  "syscalls/sys_enter_fgetxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly name: Ptr;
    readonly value: Ptr;
    readonly size: u64;
  };
  "syscalls/sys_enter_file_getattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly filename: Ptr;
    readonly ufattr: Ptr;
    readonly usize: u64;
    readonly at_flags: u64;
  };
  "syscalls/sys_enter_file_setattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly filename: Ptr;
    readonly ufattr: Ptr;
    readonly usize: u64;
    readonly at_flags: u64;
  };
  "syscalls/sys_enter_flistxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly list: Ptr;
    readonly size: u64;
  };
  "syscalls/sys_enter_flock": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly cmd: u64;
  };
  "syscalls/sys_enter_fork": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_fremovexattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly name: Ptr;
  };
  "syscalls/sys_enter_fsconfig": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly cmd: u64;
    readonly _key: Ptr;
    readonly _value: Ptr;
    readonly aux: u64;
  };
  "syscalls/sys_enter_fsetxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly name: Ptr;
    readonly value: Ptr;
    readonly size: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_fsmount": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fs_fd: u64;
    readonly flags: u64;
    readonly attr_flags: u64;
  };
  "syscalls/sys_enter_fsopen": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly _fs_name: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_fspick": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly path: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_fstatfs": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly buf: Ptr;
  };
  "syscalls/sys_enter_fsync": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
  };
  "syscalls/sys_enter_ftruncate": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly length: u64;
  };
  "syscalls/sys_enter_futex": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly uaddr: Ptr;
    readonly op: u64;
    readonly val: u64;
    readonly utime: Ptr;
    readonly uaddr2: Ptr;
    readonly val3: u64;
  };
  "syscalls/sys_enter_futex_requeue": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly waiters: Ptr;
    readonly flags: u64;
    readonly nr_wake: u64;
    readonly nr_requeue: u64;
  };
  "syscalls/sys_enter_futex_wait": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly uaddr: Ptr;
    readonly val: u64;
    readonly mask: u64;
    readonly flags: u64;
    readonly timeout: Ptr;
    readonly clockid: u64;
  };
  "syscalls/sys_enter_futex_waitv": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly waiters: Ptr;
    readonly nr_futexes: u64;
    readonly flags: u64;
    readonly timeout: Ptr;
    readonly clockid: u64;
  };
  "syscalls/sys_enter_futex_wake": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly uaddr: Ptr;
    readonly mask: u64;
    readonly nr: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_futimesat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly filename: Ptr;
    readonly utimes: Ptr;
  };
  "syscalls/sys_enter_get_mempolicy": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly policy: Ptr;
    readonly nmask: Ptr;
    readonly maxnode: u64;
    readonly addr: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_get_robust_list": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly head_ptr: Ptr;
    readonly len_ptr: Ptr;
  };
  "syscalls/sys_enter_getcpu": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly cpup: Ptr;
    readonly nodep: Ptr;
    readonly unused: Ptr;
  };
  "syscalls/sys_enter_getcwd": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly buf: Ptr;
    readonly size: u64;
  };
  "syscalls/sys_enter_getdents": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly dirent: Ptr;
    readonly count: u64;
  };
  "syscalls/sys_enter_getdents64": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly dirent: Ptr;
    readonly count: u64;
  };
  "syscalls/sys_enter_getegid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_geteuid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_getgid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_getgroups": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly gidsetsize: u64;
    readonly grouplist: Ptr;
  };
  "syscalls/sys_enter_getitimer": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly which: u64;
    readonly value: Ptr;
  };
  "syscalls/sys_enter_getpeername": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly usockaddr: Ptr;
    readonly usockaddr_len: Ptr;
  };
  "syscalls/sys_enter_getpgid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
  };
  "syscalls/sys_enter_getpgrp": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_getpid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_getppid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_getpriority": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly which: u64;
    readonly who: u64;
  };
  "syscalls/sys_enter_getrandom": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ubuf: Ptr;
    readonly len: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_getresgid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly rgidp: Ptr;
    readonly egidp: Ptr;
    readonly sgidp: Ptr;
  };
  "syscalls/sys_enter_getresuid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ruidp: Ptr;
    readonly euidp: Ptr;
    readonly suidp: Ptr;
  };
  "syscalls/sys_enter_getrlimit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly resource: u64;
    readonly rlim: Ptr;
  };
  "syscalls/sys_enter_getrusage": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly who: u64;
    readonly ru: Ptr;
  };
  "syscalls/sys_enter_getsid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
  };
  "syscalls/sys_enter_getsockname": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly usockaddr: Ptr;
    readonly usockaddr_len: Ptr;
  };
  "syscalls/sys_enter_getsockopt": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly level: u64;
    readonly optname: u64;
    readonly optval: Ptr;
    readonly optlen: Ptr;
  };
  "syscalls/sys_enter_gettid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_gettimeofday": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly tv: Ptr;
    readonly tz: Ptr;
  };
  "syscalls/sys_enter_getuid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_getxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pathname: Ptr;
    readonly name: Ptr;
    readonly value: Ptr;
    readonly size: u64;
  };
  "syscalls/sys_enter_getxattrat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly pathname: Ptr;
    readonly at_flags: u64;
    readonly name: Ptr;
    readonly uargs: Ptr;
    readonly usize: u64;
  };
  "syscalls/sys_enter_inotify_add_watch": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly pathname: Ptr;
    readonly mask: u64;
  };
  "syscalls/sys_enter_inotify_init": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_inotify_init1": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly flags: u64;
  };
  "syscalls/sys_enter_inotify_rm_watch": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly wd: u64;
  };
  "syscalls/sys_enter_io_cancel": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ctx_id: u64;
    readonly iocb: Ptr;
    readonly result: Ptr;
  };
  "syscalls/sys_enter_io_destroy": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ctx: u64;
  };
  "syscalls/sys_enter_io_getevents": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ctx_id: u64;
    readonly min_nr: u64;
    readonly nr: u64;
    readonly events: Ptr;
    readonly timeout: Ptr;
  };
  "syscalls/sys_enter_io_pgetevents": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ctx_id: u64;
    readonly min_nr: u64;
    readonly nr: u64;
    readonly events: Ptr;
    readonly timeout: Ptr;
    readonly usig: Ptr;
  };
  "syscalls/sys_enter_io_setup": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly nr_events: u64;
    readonly ctxp: Ptr;
  };
  "syscalls/sys_enter_io_submit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ctx_id: u64;
    readonly nr: u64;
    readonly iocbpp: Ptr;
  };
  "syscalls/sys_enter_io_uring_enter": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly to_submit: u64;
    readonly min_complete: u64;
    readonly flags: u64;
    readonly argp: Ptr;
    readonly argsz: u64;
  };
  "syscalls/sys_enter_io_uring_register": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly opcode: u64;
    readonly arg: Ptr;
    readonly nr_args: u64;
  };
  "syscalls/sys_enter_io_uring_setup": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly entries: u64;
    readonly params: Ptr;
  };
  "syscalls/sys_enter_ioctl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly cmd: u64;
    readonly arg: u64;
  };
  "syscalls/sys_enter_ioperm": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly from: u64;
    readonly num: u64;
    readonly turn_on: u64;
  };
  "syscalls/sys_enter_iopl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly level: u64;
  };
  "syscalls/sys_enter_ioprio_get": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly which: u64;
    readonly who: u64;
  };
  "syscalls/sys_enter_ioprio_set": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly which: u64;
    readonly who: u64;
    readonly ioprio: u64;
  };
  "syscalls/sys_enter_kcmp": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid1: u64;
    readonly pid2: u64;
    readonly type: u64;
    readonly idx1: u64;
    readonly idx2: u64;
  };
  "syscalls/sys_enter_keyctl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly option: u64;
    readonly arg2: u64;
    readonly arg3: u64;
    readonly arg4: u64;
    readonly arg5: u64;
  };
  "syscalls/sys_enter_kill": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly sig: u64;
  };
  "syscalls/sys_enter_landlock_add_rule": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ruleset_fd: u64;
    readonly rule_type: u64;
    readonly rule_attr: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_landlock_create_ruleset": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly attr: Ptr;
    readonly size: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_landlock_restrict_self": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ruleset_fd: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_lchown": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly filename: Ptr;
    readonly user: u64;
    readonly group: u64;
  };
  "syscalls/sys_enter_lgetxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pathname: Ptr;
    readonly name: Ptr;
    readonly value: Ptr;
    readonly size: u64;
  };
  "syscalls/sys_enter_link": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly oldname: Ptr;
    readonly newname: Ptr;
  };
  "syscalls/sys_enter_linkat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly olddfd: u64;
    readonly oldname: Ptr;
    readonly newdfd: u64;
    readonly newname: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_listen": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly backlog: u64;
  };
  "syscalls/sys_enter_listmount": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly req: Ptr;
    readonly mnt_ids: Ptr;
    readonly nr_mnt_ids: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_listxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pathname: Ptr;
    readonly list: Ptr;
    readonly size: u64;
  };
  "syscalls/sys_enter_listxattrat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly pathname: Ptr;
    readonly at_flags: u64;
    readonly list: Ptr;
    readonly size: u64;
  };
  "syscalls/sys_enter_llistxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pathname: Ptr;
    readonly list: Ptr;
    readonly size: u64;
  };
  "syscalls/sys_enter_lremovexattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pathname: Ptr;
    readonly name: Ptr;
  };
  "syscalls/sys_enter_lseek": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly offset: u64;
    readonly whence: u64;
  };
  "syscalls/sys_enter_lsetxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pathname: Ptr;
    readonly name: Ptr;
    readonly value: Ptr;
    readonly size: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_lsm_get_self_attr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly attr: u64;
    readonly ctx: Ptr;
    readonly size: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_lsm_list_modules": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ids: Ptr;
    readonly size: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_lsm_set_self_attr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly attr: u64;
    readonly ctx: Ptr;
    readonly size: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_madvise": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly start: u64;
    readonly len_in: u64;
    readonly behavior: u64;
  };
  "syscalls/sys_enter_mbind": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly start: u64;
    readonly len: u64;
    readonly mode: u64;
    readonly nmask: Ptr;
    readonly maxnode: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_membarrier": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly cmd: u64;
    readonly flags: u64;
    readonly cpu_id: u64;
  };
  "syscalls/sys_enter_memfd_create": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly uname: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_memfd_secret": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly flags: u64;
  };
  "syscalls/sys_enter_migrate_pages": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly maxnode: u64;
    readonly old_nodes: Ptr;
    readonly new_nodes: Ptr;
  };
  "syscalls/sys_enter_mincore": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly start: u64;
    readonly len: u64;
    readonly vec: Ptr;
  };
  "syscalls/sys_enter_mkdir": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pathname: Ptr;
    readonly mode: u64;
  };
  "syscalls/sys_enter_mkdirat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly pathname: Ptr;
    readonly mode: u64;
  };
  "syscalls/sys_enter_mknod": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly filename: Ptr;
    readonly mode: u64;
    readonly dev: u64;
  };
  "syscalls/sys_enter_mknodat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly filename: Ptr;
    readonly mode: u64;
    readonly dev: u64;
  };
  "syscalls/sys_enter_mlock": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly start: u64;
    readonly len: u64;
  };
  "syscalls/sys_enter_mlock2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly start: u64;
    readonly len: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_mlockall": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly flags: u64;
  };
  "syscalls/sys_enter_mmap": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly addr: u64;
    readonly len: u64;
    readonly prot: u64;
    readonly flags: u64;
    readonly fd: u64;
    readonly off: u64;
  };
  "syscalls/sys_enter_modify_ldt": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly func: u64;
    readonly ptr: Ptr;
    readonly bytecount: u64;
  };
  "syscalls/sys_enter_mount": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dev_name: Ptr;
    readonly dir_name: Ptr;
    readonly type: Ptr;
    readonly flags: u64;
    readonly data: Ptr;
  };
  "syscalls/sys_enter_mount_setattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly path: Ptr;
    readonly flags: u64;
    readonly uattr: Ptr;
    readonly usize: u64;
  };
  "syscalls/sys_enter_move_mount": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly from_dfd: u64;
    readonly from_pathname: Ptr;
    readonly to_dfd: u64;
    readonly to_pathname: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_move_pages": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly nr_pages: u64;
    readonly pages: Ptr;
    readonly nodes: Ptr;
    readonly status: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_mprotect": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly start: u64;
    readonly len: u64;
    readonly prot: u64;
  };
  "syscalls/sys_enter_mq_getsetattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly mqdes: u64;
    readonly u_mqstat: Ptr;
    readonly u_omqstat: Ptr;
  };
  "syscalls/sys_enter_mq_notify": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly mqdes: u64;
    readonly u_notification: Ptr;
  };
  "syscalls/sys_enter_mq_open": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly u_name: Ptr;
    readonly oflag: u64;
    readonly mode: u64;
    readonly u_attr: Ptr;
  };
  "syscalls/sys_enter_mq_timedreceive": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly mqdes: u64;
    readonly u_msg_ptr: Ptr;
    readonly msg_len: u64;
    readonly u_msg_prio: Ptr;
    readonly u_abs_timeout: Ptr;
  };
  "syscalls/sys_enter_mq_timedsend": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly mqdes: u64;
    readonly u_msg_ptr: Ptr;
    readonly msg_len: u64;
    readonly msg_prio: u64;
    readonly u_abs_timeout: Ptr;
  };
  "syscalls/sys_enter_mq_unlink": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly u_name: Ptr;
  };
  "syscalls/sys_enter_mremap": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly addr: u64;
    readonly old_len: u64;
    readonly new_len: u64;
    readonly flags: u64;
    readonly new_addr: u64;
  };
  "syscalls/sys_enter_mseal": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly start: u64;
    readonly len: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_msgctl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly msqid: u64;
    readonly cmd: u64;
    readonly buf: Ptr;
  };
  "syscalls/sys_enter_msgget": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly key: u64;
    readonly msgflg: u64;
  };
  "syscalls/sys_enter_msgrcv": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly msqid: u64;
    readonly msgp: Ptr;
    readonly msgsz: u64;
    readonly msgtyp: u64;
    readonly msgflg: u64;
  };
  "syscalls/sys_enter_msgsnd": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly msqid: u64;
    readonly msgp: Ptr;
    readonly msgsz: u64;
    readonly msgflg: u64;
  };
  "syscalls/sys_enter_msync": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly start: u64;
    readonly len: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_munlock": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly start: u64;
    readonly len: u64;
  };
  "syscalls/sys_enter_munlockall": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_munmap": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly addr: u64;
    readonly len: u64;
  };
  "syscalls/sys_enter_name_to_handle_at": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly name: Ptr;
    readonly handle: Ptr;
    readonly mnt_id: Ptr;
    readonly flag: u64;
  };
  "syscalls/sys_enter_nanosleep": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly rqtp: Ptr;
    readonly rmtp: Ptr;
  };
  "syscalls/sys_enter_newfstat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly statbuf: Ptr;
  };
  "syscalls/sys_enter_newfstatat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly filename: Ptr;
    readonly statbuf: Ptr;
    readonly flag: u64;
  };
  "syscalls/sys_enter_newlstat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly filename: Ptr;
    readonly statbuf: Ptr;
  };
  "syscalls/sys_enter_newstat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly filename: Ptr;
    readonly statbuf: Ptr;
  };
  "syscalls/sys_enter_newuname": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly name: Ptr;
  };
  "syscalls/sys_enter_open": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly filename: Ptr;
    readonly flags: u64;
    readonly mode: u64;
  };
  "syscalls/sys_enter_open_by_handle_at": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly mountdirfd: u64;
    readonly handle: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_open_tree": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly filename: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_open_tree_attr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly filename: Ptr;
    readonly flags: u64;
    readonly uattr: Ptr;
    readonly usize: u64;
  };
  "syscalls/sys_enter_openat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly filename: Ptr;
    readonly flags: u64;
    readonly mode: u64;
  };
  "syscalls/sys_enter_openat2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly filename: Ptr;
    readonly how: Ptr;
    readonly usize: u64;
  };
  "syscalls/sys_enter_pause": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_perf_event_open": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly attr_uptr: Ptr;
    readonly pid: u64;
    readonly cpu: u64;
    readonly group_fd: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_personality": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly personality: u64;
  };
  "syscalls/sys_enter_pidfd_getfd": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pidfd: u64;
    readonly fd: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_pidfd_open": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_pidfd_send_signal": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pidfd: u64;
    readonly sig: u64;
    readonly info: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_pipe": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fildes: Ptr;
  };
  "syscalls/sys_enter_pipe2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fildes: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_pivot_root": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly new_root: Ptr;
    readonly put_old: Ptr;
  };
  "syscalls/sys_enter_pkey_alloc": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly flags: u64;
    readonly init_val: u64;
  };
  "syscalls/sys_enter_pkey_free": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pkey: u64;
  };
  "syscalls/sys_enter_pkey_mprotect": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly start: u64;
    readonly len: u64;
    readonly prot: u64;
    readonly pkey: u64;
  };
  "syscalls/sys_enter_poll": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ufds: Ptr;
    readonly nfds: u64;
    readonly timeout_msecs: u64;
  };
  "syscalls/sys_enter_ppoll": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ufds: Ptr;
    readonly nfds: u64;
    readonly tsp: Ptr;
    readonly sigmask: Ptr;
    readonly sigsetsize: u64;
  };
  "syscalls/sys_enter_prctl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly option: u64;
    readonly arg2: u64;
    readonly arg3: u64;
    readonly arg4: u64;
    readonly arg5: u64;
  };
  "syscalls/sys_enter_pread64": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly buf: Ptr;
    readonly count: u64;
    readonly pos: u64;
  };
  "syscalls/sys_enter_preadv": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly vec: Ptr;
    readonly vlen: u64;
    readonly pos_l: u64;
    readonly pos_h: u64;
  };
  "syscalls/sys_enter_preadv2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly vec: Ptr;
    readonly vlen: u64;
    readonly pos_l: u64;
    readonly pos_h: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_prlimit64": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly resource: u64;
    readonly new_rlim: Ptr;
    readonly old_rlim: Ptr;
  };
  "syscalls/sys_enter_process_madvise": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pidfd: u64;
    readonly vec: Ptr;
    readonly vlen: u64;
    readonly behavior: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_process_mrelease": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pidfd: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_process_vm_readv": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly lvec: Ptr;
    readonly liovcnt: u64;
    readonly rvec: Ptr;
    readonly riovcnt: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_process_vm_writev": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly lvec: Ptr;
    readonly liovcnt: u64;
    readonly rvec: Ptr;
    readonly riovcnt: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_pselect6": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly n: u64;
    readonly inp: Ptr;
    readonly outp: Ptr;
    readonly exp: Ptr;
    readonly tsp: Ptr;
    readonly sig: Ptr;
  };
  "syscalls/sys_enter_ptrace": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly request: u64;
    readonly pid: u64;
    readonly addr: u64;
    readonly data: u64;
  };
  "syscalls/sys_enter_pwrite64": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly buf: Ptr;
    readonly count: u64;
    readonly pos: u64;
  };
  "syscalls/sys_enter_pwritev": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly vec: Ptr;
    readonly vlen: u64;
    readonly pos_l: u64;
    readonly pos_h: u64;
  };
  "syscalls/sys_enter_pwritev2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly vec: Ptr;
    readonly vlen: u64;
    readonly pos_l: u64;
    readonly pos_h: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_quotactl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly cmd: u64;
    readonly special: Ptr;
    readonly id: u64;
    readonly addr: Ptr;
  };
  "syscalls/sys_enter_quotactl_fd": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly cmd: u64;
    readonly id: u64;
    readonly addr: Ptr;
  };
  "syscalls/sys_enter_read": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly buf: Ptr;
    readonly count: u64;
  };
  "syscalls/sys_enter_readahead": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly offset: u64;
    readonly count: u64;
  };
  "syscalls/sys_enter_readlink": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly path: Ptr;
    readonly buf: Ptr;
    readonly bufsiz: u64;
  };
  "syscalls/sys_enter_readlinkat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly pathname: Ptr;
    readonly buf: Ptr;
    readonly bufsiz: u64;
  };
  "syscalls/sys_enter_readv": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly vec: Ptr;
    readonly vlen: u64;
  };
  "syscalls/sys_enter_reboot": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly magic1: u64;
    readonly magic2: u64;
    readonly cmd: u64;
    readonly arg: Ptr;
  };
  "syscalls/sys_enter_recvfrom": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly ubuf: Ptr;
    readonly size: u64;
    readonly flags: u64;
    readonly addr: Ptr;
    readonly addr_len: Ptr;
  };
  "syscalls/sys_enter_recvmmsg": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly mmsg: Ptr;
    readonly vlen: u64;
    readonly flags: u64;
    readonly timeout: Ptr;
  };
  "syscalls/sys_enter_recvmsg": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly msg: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_remap_file_pages": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly start: u64;
    readonly size: u64;
    readonly prot: u64;
    readonly pgoff: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_removexattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pathname: Ptr;
    readonly name: Ptr;
  };
  "syscalls/sys_enter_removexattrat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly pathname: Ptr;
    readonly at_flags: u64;
    readonly name: Ptr;
  };
  "syscalls/sys_enter_rename": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly oldname: Ptr;
    readonly newname: Ptr;
  };
  "syscalls/sys_enter_renameat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly olddfd: u64;
    readonly oldname: Ptr;
    readonly newdfd: u64;
    readonly newname: Ptr;
  };
  "syscalls/sys_enter_renameat2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly olddfd: u64;
    readonly oldname: Ptr;
    readonly newdfd: u64;
    readonly newname: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_request_key": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly _type: Ptr;
    readonly _description: Ptr;
    readonly _callout_info: Ptr;
    readonly destringid: u64;
  };
  "syscalls/sys_enter_restart_syscall": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_rmdir": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pathname: Ptr;
  };
  "syscalls/sys_enter_rseq": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly rseq: Ptr;
    readonly rseq_len: u64;
    readonly flags: u64;
    readonly sig: u64;
  };
  "syscalls/sys_enter_rt_sigaction": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly sig: u64;
    readonly act: Ptr;
    readonly oact: Ptr;
    readonly sigsetsize: u64;
  };
  "syscalls/sys_enter_rt_sigpending": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly uset: Ptr;
    readonly sigsetsize: u64;
  };
  "syscalls/sys_enter_rt_sigprocmask": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly how: u64;
    readonly nset: Ptr;
    readonly oset: Ptr;
    readonly sigsetsize: u64;
  };
  "syscalls/sys_enter_rt_sigqueueinfo": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly sig: u64;
    readonly uinfo: Ptr;
  };
  "syscalls/sys_enter_rt_sigreturn": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_rt_sigsuspend": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly unewset: Ptr;
    readonly sigsetsize: u64;
  };
  "syscalls/sys_enter_rt_sigtimedwait": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly uthese: Ptr;
    readonly uinfo: Ptr;
    readonly uts: Ptr;
    readonly sigsetsize: u64;
  };
  "syscalls/sys_enter_rt_tgsigqueueinfo": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly tgid: u64;
    readonly pid: u64;
    readonly sig: u64;
    readonly uinfo: Ptr;
  };
  "syscalls/sys_enter_sched_get_priority_max": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly policy: u64;
  };
  "syscalls/sys_enter_sched_get_priority_min": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly policy: u64;
  };
  "syscalls/sys_enter_sched_getaffinity": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly len: u64;
    readonly user_mask_ptr: Ptr;
  };
  "syscalls/sys_enter_sched_getattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly uattr: Ptr;
    readonly usize: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_sched_getparam": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly param: Ptr;
  };
  "syscalls/sys_enter_sched_getscheduler": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
  };
  "syscalls/sys_enter_sched_rr_get_interval": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly interval: Ptr;
  };
  "syscalls/sys_enter_sched_setaffinity": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly len: u64;
    readonly user_mask_ptr: Ptr;
  };
  "syscalls/sys_enter_sched_setattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly uattr: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_sched_setparam": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly param: Ptr;
  };
  "syscalls/sys_enter_sched_setscheduler": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly policy: u64;
    readonly param: Ptr;
  };
  "syscalls/sys_enter_sched_yield": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_seccomp": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly op: u64;
    readonly flags: u64;
    readonly uargs: Ptr;
  };
  "syscalls/sys_enter_select": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly n: u64;
    readonly inp: Ptr;
    readonly outp: Ptr;
    readonly exp: Ptr;
    readonly tvp: Ptr;
  };
  "syscalls/sys_enter_semctl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly semid: u64;
    readonly semnum: u64;
    readonly cmd: u64;
    readonly arg: u64;
  };
  "syscalls/sys_enter_semget": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly key: u64;
    readonly nsems: u64;
    readonly semflg: u64;
  };
  "syscalls/sys_enter_semop": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly semid: u64;
    readonly tsops: Ptr;
    readonly nsops: u64;
  };
  "syscalls/sys_enter_semtimedop": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly semid: u64;
    readonly tsops: Ptr;
    readonly nsops: u64;
    readonly timeout: Ptr;
  };
  "syscalls/sys_enter_sendfile64": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly out_fd: u64;
    readonly in_fd: u64;
    readonly offset: Ptr;
    readonly count: u64;
  };
  "syscalls/sys_enter_sendmmsg": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly mmsg: Ptr;
    readonly vlen: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_sendmsg": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly msg: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_sendto": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly buff: Ptr;
    readonly len: u64;
    readonly flags: u64;
    readonly addr: Ptr;
    readonly addr_len: u64;
  };
  "syscalls/sys_enter_set_mempolicy": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly mode: u64;
    readonly nmask: Ptr;
    readonly maxnode: u64;
  };
  "syscalls/sys_enter_set_mempolicy_home_node": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly start: u64;
    readonly len: u64;
    readonly home_node: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_set_robust_list": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly head: Ptr;
    readonly len: u64;
  };
  "syscalls/sys_enter_set_tid_address": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly tidptr: Ptr;
  };
  "syscalls/sys_enter_setdomainname": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly name: Ptr;
    readonly len: u64;
  };
  "syscalls/sys_enter_setfsgid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly gid: u64;
  };
  "syscalls/sys_enter_setfsuid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly uid: u64;
  };
  "syscalls/sys_enter_setgid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly gid: u64;
  };
  "syscalls/sys_enter_setgroups": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly gidsetsize: u64;
    readonly grouplist: Ptr;
  };
  "syscalls/sys_enter_sethostname": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly name: Ptr;
    readonly len: u64;
  };
  "syscalls/sys_enter_setitimer": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly which: u64;
    readonly value: Ptr;
    readonly ovalue: Ptr;
  };
  "syscalls/sys_enter_setns": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_setpgid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly pgid: u64;
  };
  "syscalls/sys_enter_setpriority": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly which: u64;
    readonly who: u64;
    readonly niceval: u64;
  };
  "syscalls/sys_enter_setregid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly rgid: u64;
    readonly egid: u64;
  };
  "syscalls/sys_enter_setresgid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly rgid: u64;
    readonly egid: u64;
    readonly sgid: u64;
  };
  "syscalls/sys_enter_setresuid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ruid: u64;
    readonly euid: u64;
    readonly suid: u64;
  };
  "syscalls/sys_enter_setreuid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ruid: u64;
    readonly euid: u64;
  };
  "syscalls/sys_enter_setrlimit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly resource: u64;
    readonly rlim: Ptr;
  };
  "syscalls/sys_enter_setsid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_setsockopt": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly level: u64;
    readonly optname: u64;
    readonly optval: Ptr;
    readonly optlen: u64;
  };
  "syscalls/sys_enter_settimeofday": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly tv: Ptr;
    readonly tz: Ptr;
  };
  "syscalls/sys_enter_setuid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly uid: u64;
  };
  "syscalls/sys_enter_setxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pathname: Ptr;
    readonly name: Ptr;
    readonly value: Ptr;
    readonly size: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_setxattrat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly pathname: Ptr;
    readonly at_flags: u64;
    readonly name: Ptr;
    readonly uargs: Ptr;
    readonly usize: u64;
  };
  "syscalls/sys_enter_shmat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly shmid: u64;
    readonly shmaddr: Ptr;
    readonly shmflg: u64;
  };
  "syscalls/sys_enter_shmctl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly shmid: u64;
    readonly cmd: u64;
    readonly buf: Ptr;
  };
  "syscalls/sys_enter_shmdt": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly shmaddr: Ptr;
  };
  "syscalls/sys_enter_shmget": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly key: u64;
    readonly size: u64;
    readonly shmflg: u64;
  };
  "syscalls/sys_enter_shutdown": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly how: u64;
  };
  "syscalls/sys_enter_sigaltstack": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly uss: Ptr;
    readonly uoss: Ptr;
  };
  "syscalls/sys_enter_signalfd": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ufd: u64;
    readonly user_mask: Ptr;
    readonly sizemask: u64;
  };
  "syscalls/sys_enter_signalfd4": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ufd: u64;
    readonly user_mask: Ptr;
    readonly sizemask: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_socket": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly family: u64;
    readonly type: u64;
    readonly protocol: u64;
  };
  "syscalls/sys_enter_socketpair": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly family: u64;
    readonly type: u64;
    readonly protocol: u64;
    readonly usockvec: Ptr;
  };
  "syscalls/sys_enter_splice": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd_in: u64;
    readonly off_in: Ptr;
    readonly fd_out: u64;
    readonly off_out: Ptr;
    readonly len: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_statfs": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pathname: Ptr;
    readonly buf: Ptr;
  };
  "syscalls/sys_enter_statmount": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly req: Ptr;
    readonly buf: Ptr;
    readonly bufsize: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_statx": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly filename: Ptr;
    readonly flags: u64;
    readonly mask: u64;
    readonly buffer: Ptr;
  };
  "syscalls/sys_enter_swapoff": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly specialfile: Ptr;
  };
  "syscalls/sys_enter_swapon": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly specialfile: Ptr;
    readonly swap_flags: u64;
  };
  "syscalls/sys_enter_symlink": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly oldname: Ptr;
    readonly newname: Ptr;
  };
  "syscalls/sys_enter_symlinkat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly oldname: Ptr;
    readonly newdfd: u64;
    readonly newname: Ptr;
  };
  "syscalls/sys_enter_sync": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_sync_file_range": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly offset: u64;
    readonly nbytes: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_syncfs": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
  };
  "syscalls/sys_enter_sysfs": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly option: u64;
    readonly arg1: u64;
    readonly arg2: u64;
  };
  "syscalls/sys_enter_sysinfo": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly info: Ptr;
  };
  "syscalls/sys_enter_syslog": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly type: u64;
    readonly buf: Ptr;
    readonly len: u64;
  };
  "syscalls/sys_enter_tee": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fdin: u64;
    readonly fdout: u64;
    readonly len: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_tgkill": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly tgid: u64;
    readonly pid: u64;
    readonly sig: u64;
  };
  "syscalls/sys_enter_time": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly tloc: Ptr;
  };
  "syscalls/sys_enter_timer_create": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly which_clock: u64;
    readonly timer_event_spec: Ptr;
    readonly created_timer_id: Ptr;
  };
  "syscalls/sys_enter_timer_delete": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly timer_id: u64;
  };
  "syscalls/sys_enter_timer_getoverrun": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly timer_id: u64;
  };
  "syscalls/sys_enter_timer_gettime": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly timer_id: u64;
    readonly setting: Ptr;
  };
  "syscalls/sys_enter_timer_settime": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly timer_id: u64;
    readonly flags: u64;
    readonly new_setting: Ptr;
    readonly old_setting: Ptr;
  };
  "syscalls/sys_enter_timerfd_create": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly clockid: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_timerfd_gettime": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ufd: u64;
    readonly otmr: Ptr;
  };
  "syscalls/sys_enter_timerfd_settime": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ufd: u64;
    readonly flags: u64;
    readonly utmr: Ptr;
    readonly otmr: Ptr;
  };
  "syscalls/sys_enter_times": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly tbuf: Ptr;
  };
  "syscalls/sys_enter_tkill": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pid: u64;
    readonly sig: u64;
  };
  "syscalls/sys_enter_truncate": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly path: Ptr;
    readonly length: u64;
  };
  "syscalls/sys_enter_umask": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly mask: u64;
  };
  "syscalls/sys_enter_umount": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly name: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_unlink": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly pathname: Ptr;
  };
  "syscalls/sys_enter_unlinkat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly pathname: Ptr;
    readonly flag: u64;
  };
  "syscalls/sys_enter_unshare": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly unshare_flags: u64;
  };
  "syscalls/sys_enter_uprobe": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_uretprobe": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_userfaultfd": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly flags: u64;
  };
  "syscalls/sys_enter_ustat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dev: u64;
    readonly ubuf: Ptr;
  };
  "syscalls/sys_enter_utime": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly filename: Ptr;
    readonly times: Ptr;
  };
  "syscalls/sys_enter_utimensat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly dfd: u64;
    readonly filename: Ptr;
    readonly utimes: Ptr;
    readonly flags: u64;
  };
  "syscalls/sys_enter_utimes": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly filename: Ptr;
    readonly utimes: Ptr;
  };
  "syscalls/sys_enter_vfork": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_vhangup": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
  };
  "syscalls/sys_enter_vmsplice": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly uiov: Ptr;
    readonly nr_segs: u64;
    readonly flags: u64;
  };
  "syscalls/sys_enter_wait4": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly upid: u64;
    readonly stat_addr: Ptr;
    readonly options: u64;
    readonly ru: Ptr;
  };
  "syscalls/sys_enter_waitid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly which: u64;
    readonly upid: u64;
    readonly infop: Ptr;
    readonly options: u64;
    readonly ru: Ptr;
  };
  "syscalls/sys_enter_write": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly buf: Ptr;
    readonly count: u64;
  };
  "syscalls/sys_enter_writev": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly fd: u64;
    readonly vec: Ptr;
    readonly vlen: u64;
  };
  "syscalls/sys_exit_accept": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_accept4": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_access": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_acct": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_add_key": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_adjtimex": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_alarm": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_arch_prctl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_bind": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_bpf": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_brk": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_cachestat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_capget": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_capset": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_chdir": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_chmod": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_chown": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_chroot": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_clock_adjtime": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_clock_getres": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_clock_gettime": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_clock_nanosleep": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_clock_settime": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_clone": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_clone3": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_close": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_close_range": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_connect": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_copy_file_range": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_creat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_dup": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_dup2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_dup3": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_epoll_create": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_epoll_create1": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_epoll_ctl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_epoll_pwait": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_epoll_pwait2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_epoll_wait": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_eventfd": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_eventfd2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_execve": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_execveat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_exit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_exit_group": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_faccessat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_faccessat2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fadvise64": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fallocate": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fanotify_init": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fanotify_mark": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fchdir": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fchmod": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fchmodat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fchmodat2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fchown": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fchownat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fcntl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fdatasync": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fgetxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_file_getattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_file_setattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_flistxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_flock": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fork": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fremovexattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fsconfig": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fsetxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fsmount": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fsopen": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fspick": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fstatfs": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_fsync": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_ftruncate": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_futex": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_futex_requeue": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_futex_wait": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_futex_waitv": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_futex_wake": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_futimesat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_get_mempolicy": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_get_robust_list": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getcpu": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getcwd": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getdents": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getdents64": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getegid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_geteuid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getgid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getgroups": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getitimer": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getpeername": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getpgid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getpgrp": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getpid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getppid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getpriority": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getrandom": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getresgid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getresuid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getrlimit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getrusage": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getsid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getsockname": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getsockopt": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_gettid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_gettimeofday": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getuid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_getxattrat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_inotify_add_watch": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_inotify_init": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_inotify_init1": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_inotify_rm_watch": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_io_cancel": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_io_destroy": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_io_getevents": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_io_pgetevents": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_io_setup": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_io_submit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_io_uring_enter": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_io_uring_register": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_io_uring_setup": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_ioctl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_ioperm": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_iopl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_ioprio_get": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_ioprio_set": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_kcmp": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_keyctl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_kill": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_landlock_add_rule": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_landlock_create_ruleset": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_landlock_restrict_self": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_lchown": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_lgetxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_link": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_linkat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_listen": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_listmount": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_listxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_listxattrat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_llistxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_lremovexattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_lseek": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_lsetxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_lsm_get_self_attr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_lsm_list_modules": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_lsm_set_self_attr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_madvise": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mbind": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_membarrier": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_memfd_create": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_memfd_secret": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_migrate_pages": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mincore": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mkdir": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mkdirat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mknod": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mknodat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mlock": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mlock2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mlockall": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mmap": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_modify_ldt": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mount": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mount_setattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_move_mount": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_move_pages": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mprotect": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mq_getsetattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mq_notify": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mq_open": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mq_timedreceive": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mq_timedsend": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mq_unlink": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mremap": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_mseal": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_msgctl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_msgget": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_msgrcv": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_msgsnd": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_msync": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_munlock": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_munlockall": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_munmap": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_name_to_handle_at": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_nanosleep": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_newfstat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_newfstatat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_newlstat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_newstat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_newuname": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_open": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_open_by_handle_at": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_open_tree": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_open_tree_attr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_openat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_openat2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_pause": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_perf_event_open": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_personality": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_pidfd_getfd": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_pidfd_open": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_pidfd_send_signal": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_pipe": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_pipe2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_pivot_root": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_pkey_alloc": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_pkey_free": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_pkey_mprotect": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_poll": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_ppoll": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_prctl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_pread64": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_preadv": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_preadv2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_prlimit64": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_process_madvise": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_process_mrelease": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_process_vm_readv": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_process_vm_writev": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_pselect6": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_ptrace": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_pwrite64": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_pwritev": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_pwritev2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_quotactl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_quotactl_fd": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_read": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_readahead": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_readlink": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_readlinkat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_readv": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_reboot": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_recvfrom": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_recvmmsg": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_recvmsg": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_remap_file_pages": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_removexattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_removexattrat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_rename": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_renameat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_renameat2": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_request_key": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_restart_syscall": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_rmdir": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_rseq": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_rt_sigaction": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_rt_sigpending": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_rt_sigprocmask": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_rt_sigqueueinfo": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_rt_sigreturn": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_rt_sigsuspend": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_rt_sigtimedwait": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_rt_tgsigqueueinfo": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sched_get_priority_max": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sched_get_priority_min": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sched_getaffinity": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sched_getattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sched_getparam": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sched_getscheduler": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sched_rr_get_interval": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sched_setaffinity": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sched_setattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sched_setparam": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sched_setscheduler": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sched_yield": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_seccomp": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_select": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_semctl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_semget": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_semop": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_semtimedop": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sendfile64": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sendmmsg": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sendmsg": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sendto": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_set_mempolicy": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_set_mempolicy_home_node": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_set_robust_list": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_set_tid_address": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setdomainname": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setfsgid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setfsuid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setgid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setgroups": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sethostname": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setitimer": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setns": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setpgid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setpriority": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setregid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setresgid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setresuid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setreuid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setrlimit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setsid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setsockopt": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_settimeofday": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setuid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setxattr": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_setxattrat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_shmat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_shmctl": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_shmdt": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_shmget": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_shutdown": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sigaltstack": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_signalfd": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_signalfd4": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_socket": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_socketpair": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_splice": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_statfs": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_statmount": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_statx": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_swapoff": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_swapon": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_symlink": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_symlinkat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sync": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sync_file_range": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_syncfs": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sysfs": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_sysinfo": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_syslog": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_tee": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_tgkill": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_time": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_timer_create": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_timer_delete": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_timer_getoverrun": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_timer_gettime": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_timer_settime": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_timerfd_create": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_timerfd_gettime": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_timerfd_settime": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_times": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_tkill": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_truncate": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_umask": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_umount": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_unlink": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_unlinkat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_unshare": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_uprobe": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_uretprobe": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_userfaultfd": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_ustat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_utime": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_utimensat": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_utimes": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_vfork": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_vhangup": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_vmsplice": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_wait4": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_waitid": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_write": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "syscalls/sys_exit_writev": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly __syscall_nr: i32;
    readonly ret: i64;
  };
  "task/task_newtask": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly pid: i32;
    readonly comm: CString<16>;
    readonly clone_flags: u64;
    readonly oom_score_adj: i16;
  };
  "task/task_prctl_unknown": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly option: i32;
    readonly arg2: u64;
    readonly arg3: u64;
    readonly arg4: u64;
    readonly arg5: u64;
  };
  "task/task_rename": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly pid: i32;
    readonly oldcomm: CString<16>;
    readonly newcomm: CString<16>;
    readonly oom_score_adj: i16;
  };
  "tcp/tcp_ao_handshake_failure": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly net_cookie: u64;
    readonly skbaddr: Ptr;
    readonly skaddr: Ptr;
    readonly state: i32;
    readonly saddr: CString<28>;
    readonly daddr: CString<28>;
    readonly l3index: i32;
    readonly sport: u16;
    readonly dport: u16;
    readonly family: u16;
    readonly fin: u8;
    readonly syn: u8;
    readonly rst: u8;
    readonly psh: u8;
    readonly ack: u8;
    readonly keyid: u8;
    readonly rnext: u8;
    readonly maclen: u8;
  };
  "tcp/tcp_bad_csum": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skbaddr: Ptr;
    readonly saddr: CString<28>;
    readonly daddr: CString<28>;
  };
  "tcp/tcp_cong_state_set": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skaddr: Ptr;
    readonly sport: u16;
    readonly dport: u16;
    readonly family: u16;
    readonly saddr: CString<4>;
    readonly daddr: CString<4>;
    readonly saddr_v6: CString<16>;
    readonly daddr_v6: CString<16>;
    readonly cong_state: u8;
  };
  "tcp/tcp_destroy_sock": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skaddr: Ptr;
    readonly sport: u16;
    readonly dport: u16;
    readonly family: u16;
    readonly saddr: CString<4>;
    readonly daddr: CString<4>;
    readonly saddr_v6: CString<16>;
    readonly daddr_v6: CString<16>;
    readonly sock_cookie: u64;
  };
  "tcp/tcp_hash_ao_required": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly net_cookie: u64;
    readonly skbaddr: Ptr;
    readonly skaddr: Ptr;
    readonly state: i32;
    readonly saddr: CString<28>;
    readonly daddr: CString<28>;
    readonly l3index: i32;
    readonly sport: u16;
    readonly dport: u16;
    readonly family: u16;
    readonly fin: u8;
    readonly syn: u8;
    readonly rst: u8;
    readonly psh: u8;
    readonly ack: u8;
  };
  "tcp/tcp_hash_bad_header": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly net_cookie: u64;
    readonly skbaddr: Ptr;
    readonly skaddr: Ptr;
    readonly state: i32;
    readonly saddr: CString<28>;
    readonly daddr: CString<28>;
    readonly l3index: i32;
    readonly sport: u16;
    readonly dport: u16;
    readonly family: u16;
    readonly fin: u8;
    readonly syn: u8;
    readonly rst: u8;
    readonly psh: u8;
    readonly ack: u8;
  };
  "tcp/tcp_hash_md5_mismatch": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly net_cookie: u64;
    readonly skbaddr: Ptr;
    readonly skaddr: Ptr;
    readonly state: i32;
    readonly saddr: CString<28>;
    readonly daddr: CString<28>;
    readonly l3index: i32;
    readonly sport: u16;
    readonly dport: u16;
    readonly family: u16;
    readonly fin: u8;
    readonly syn: u8;
    readonly rst: u8;
    readonly psh: u8;
    readonly ack: u8;
  };
  "tcp/tcp_hash_md5_required": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly net_cookie: u64;
    readonly skbaddr: Ptr;
    readonly skaddr: Ptr;
    readonly state: i32;
    readonly saddr: CString<28>;
    readonly daddr: CString<28>;
    readonly l3index: i32;
    readonly sport: u16;
    readonly dport: u16;
    readonly family: u16;
    readonly fin: u8;
    readonly syn: u8;
    readonly rst: u8;
    readonly psh: u8;
    readonly ack: u8;
  };
  "tcp/tcp_hash_md5_unexpected": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly net_cookie: u64;
    readonly skbaddr: Ptr;
    readonly skaddr: Ptr;
    readonly state: i32;
    readonly saddr: CString<28>;
    readonly daddr: CString<28>;
    readonly l3index: i32;
    readonly sport: u16;
    readonly dport: u16;
    readonly family: u16;
    readonly fin: u8;
    readonly syn: u8;
    readonly rst: u8;
    readonly psh: u8;
    readonly ack: u8;
  };
  "tcp/tcp_probe": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly saddr: CString<28>;
    readonly daddr: CString<28>;
    readonly sport: u16;
    readonly dport: u16;
    readonly family: u16;
    readonly mark: u32;
    readonly data_len: u16;
    readonly snd_nxt: u32;
    readonly snd_una: u32;
    readonly snd_cwnd: u32;
    readonly ssthresh: u32;
    readonly snd_wnd: u32;
    readonly srtt: u32;
    readonly rcv_wnd: u32;
    readonly sock_cookie: u64;
    readonly skbaddr: Ptr;
    readonly skaddr: Ptr;
  };
  "tcp/tcp_rcv_space_adjust": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skaddr: Ptr;
    readonly sport: u16;
    readonly dport: u16;
    readonly family: u16;
    readonly saddr: CString<4>;
    readonly daddr: CString<4>;
    readonly saddr_v6: CString<16>;
    readonly daddr_v6: CString<16>;
    readonly sock_cookie: u64;
  };
  "tcp/tcp_rcvbuf_grow": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly time: i32;
    readonly rtt_us: u32;
    readonly copied: u32;
    readonly inq: u32;
    readonly space: u32;
    readonly ooo_space: u32;
    readonly rcvbuf: u32;
    readonly rcv_ssthresh: u32;
    readonly window_clamp: u32;
    readonly rcv_wnd: u32;
    readonly scaling_ratio: u8;
    readonly sport: u16;
    readonly dport: u16;
    readonly family: u16;
    readonly saddr: CString<4>;
    readonly daddr: CString<4>;
    readonly saddr_v6: CString<16>;
    readonly daddr_v6: CString<16>;
    readonly skaddr: Ptr;
    readonly sock_cookie: u64;
  };
  "tcp/tcp_receive_reset": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skaddr: Ptr;
    readonly sport: u16;
    readonly dport: u16;
    readonly family: u16;
    readonly saddr: CString<4>;
    readonly daddr: CString<4>;
    readonly saddr_v6: CString<16>;
    readonly daddr_v6: CString<16>;
    readonly sock_cookie: u64;
  };
  "tcp/tcp_retransmit_skb": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skbaddr: Ptr;
    readonly skaddr: Ptr;
    readonly state: i32;
    readonly sport: u16;
    readonly dport: u16;
    readonly family: u16;
    readonly saddr: CString<4>;
    readonly daddr: CString<4>;
    readonly saddr_v6: CString<16>;
    readonly daddr_v6: CString<16>;
    readonly err: i32;
  };
  "tcp/tcp_retransmit_synack": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skaddr: Ptr;
    readonly req: Ptr;
    readonly sport: u16;
    readonly dport: u16;
    readonly family: u16;
    readonly saddr: CString<4>;
    readonly daddr: CString<4>;
    readonly saddr_v6: CString<16>;
    readonly daddr_v6: CString<16>;
  };
  "tcp/tcp_send_reset": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skbaddr: Ptr;
    readonly skaddr: Ptr;
    readonly state: i32;
    readonly reason: u32;
    readonly saddr: CString<28>;
    readonly daddr: CString<28>;
  };
  "tcp/tcp_sendmsg_locked": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly skb_addr: Ptr;
    readonly skb_len: i32;
    readonly msg_left: i32;
    readonly size_goal: i32;
  };
  "timer/hrtimer_cancel": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly hrtimer: Ptr;
  };
  "timer/hrtimer_expire_entry": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly hrtimer: Ptr;
    readonly now: i64;
    readonly function: Ptr;
  };
  "timer/hrtimer_expire_exit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly hrtimer: Ptr;
  };
  "timer/hrtimer_setup": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly hrtimer: Ptr;
    readonly clockid: i32;
    readonly mode: u32;
  };
  "timer/hrtimer_start": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly hrtimer: Ptr;
    readonly function: Ptr;
    readonly expires: i64;
    readonly softexpires: i64;
    readonly mode: u32;
    readonly was_armed: u8;
  };
  "timer/itimer_expire": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly which: i32;
    readonly pid: i32;
    readonly now: u64;
  };
  "timer/itimer_state": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly which: i32;
    readonly expires: u64;
    readonly value_sec: i64;
    readonly value_nsec: i64;
    readonly interval_sec: i64;
    readonly interval_nsec: i64;
  };
  "timer/tick_stop": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly success: i32;
    readonly dependency: i32;
  };
  "timer/timer_base_idle": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly is_idle: u8;
    readonly cpu: u32;
  };
  "timer/timer_cancel": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly timer: Ptr;
  };
  "timer/timer_expire_entry": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly timer: Ptr;
    readonly now: u64;
    readonly function: Ptr;
    readonly baseclk: u64;
  };
  "timer/timer_expire_exit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly timer: Ptr;
  };
  "timer/timer_init": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly timer: Ptr;
  };
  "timer/timer_start": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly timer: Ptr;
    readonly function: Ptr;
    readonly expires: u64;
    readonly bucket_expiry: u64;
    readonly now: u64;
    readonly flags: u32;
  };
  "udp/udp_fail_queue_rcv_skb": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly rc: i32;
    readonly sport: u16;
    readonly dport: u16;
    readonly family: u16;
    readonly saddr: CString<28>;
    readonly daddr: CString<28>;
  };
  "xdp/bpf_xdp_link_attach_failed": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly msg: DataLoc;
  };
  "xdp/mem_connect": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly xa: Ptr;
    readonly mem_id: u32;
    readonly mem_type: u32;
    readonly allocator: Ptr;
    readonly rxq: Ptr;
    readonly ifindex: i32;
  };
  "xdp/mem_disconnect": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly xa: Ptr;
    readonly mem_id: u32;
    readonly mem_type: u32;
    readonly allocator: Ptr;
  };
  "xdp/xdp_bulk_tx": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly ifindex: i32;
    readonly act: u32;
    readonly drops: i32;
    readonly sent: i32;
    readonly err: i32;
  };
  "xdp/xdp_cpumap_enqueue": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly map_id: i32;
    readonly act: u32;
    readonly cpu: i32;
    readonly drops: u32;
    readonly processed: u32;
    readonly to_cpu: i32;
  };
  "xdp/xdp_cpumap_kthread": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly map_id: i32;
    readonly act: u32;
    readonly cpu: i32;
    readonly drops: u32;
    readonly processed: u32;
    readonly sched: i32;
    readonly xdp_pass: u32;
    readonly xdp_drop: u32;
    readonly xdp_redirect: u32;
  };
  "xdp/xdp_devmap_xmit": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly from_ifindex: i32;
    readonly act: u32;
    readonly to_ifindex: i32;
    readonly drops: i32;
    readonly sent: i32;
    readonly err: i32;
  };
  "xdp/xdp_exception": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly prog_id: i32;
    readonly act: u32;
    readonly ifindex: i32;
  };
  "xdp/xdp_redirect": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly prog_id: i32;
    readonly act: u32;
    readonly ifindex: i32;
    readonly err: i32;
    readonly to_ifindex: i32;
    readonly map_id: u32;
    readonly map_index: i32;
  };
  "xdp/xdp_redirect_err": {
    readonly common_type: u16;
    readonly common_flags: u8;
    readonly common_preempt_count: u8;
    readonly common_pid: i32;
    readonly prog_id: i32;
    readonly act: u32;
    readonly ifindex: i32;
    readonly err: i32;
    readonly to_ifindex: i32;
    readonly map_id: u32;
    readonly map_index: i32;
  };
}
