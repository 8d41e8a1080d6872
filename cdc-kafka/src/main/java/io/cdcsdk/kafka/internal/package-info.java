/** Reading messages into events, shared by the deserializers and the Connect transform; not API. */
package io.cdcsdk.kafka.internal;
