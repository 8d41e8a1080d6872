/** Implementation of the DMS adapters; not API, may change in any release. */
package io.cdcsdk.dms.internal;
