/**
 * How Meta rates and limits a Cloud API number (docs/product/cloud-api-standing.md): quality, messaging limit,
 * restrictions and bans from Meta's webhooks, and the number's health status asked for now and then. A change is kept on
 * the channel, announced on {@code channel.status.v1} as an alert or a status, and in history. Uses {@code store},
 * {@code status}, {@code timer} and {@code verification} (the Cloud API client).
 */
package io.switchboard.channel.standing;
