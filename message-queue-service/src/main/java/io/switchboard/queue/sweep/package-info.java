/**
 * Every accepted message reaches an end state: held messages past their time to live expire, a deleted channel's are
 * cancelled, and messages a dispatcher left DISPATCHING on a channel that cannot send are held again. Uses {@code
 * sql}, {@code metrics}, {@code channel} and {@code message}.
 */
package io.switchboard.queue.sweep;
