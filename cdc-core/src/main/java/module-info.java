/**
 * The ChangeEvent model, the streaming readers, the format adapter SPI and the ChangeEvent JSON form.
 */
@SuppressWarnings("module") // the modules named in qualified exports are built after this one
module io.cdcsdk.core {
    requires transitive com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.cdcsdk.core;
    exports io.cdcsdk.core.json;
    exports io.cdcsdk.core.spi;
    exports io.cdcsdk.core.internal to io.cdcsdk.dms, io.cdcsdk.dms.parquet, io.cdcsdk.dynamodb, io.cdcsdk.router;

    uses io.cdcsdk.core.spi.FormatAdapter;
    provides io.cdcsdk.core.spi.FormatAdapter with io.cdcsdk.core.internal.CdcJsonAdapter,
            io.cdcsdk.core.internal.DeadLetterAdapter;
}
