/**
 * The Cloud API number's verification: a code requested by SMS or voice, submitted, and the number registered. Uses
 * {@code store}, {@code timer}, {@code status} and {@code registry}'s commands.
 */
package io.switchboard.channel.verification;
