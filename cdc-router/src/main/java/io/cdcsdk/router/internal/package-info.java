/** Implementation details of cdc-router. Not API: may change in any release. */
package io.cdcsdk.router.internal;
