/** Implementation details of cdc-core. Not API: may change in any release. */
package io.cdcsdk.core.internal;
