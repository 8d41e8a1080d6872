import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A floor for any tool that reads the file with Jackson and writes JSON: jackson-core's parser hands
 * every token of the file to jackson-core's generator ({@code copyCurrentEvent}), one value per
 * line, on one thread, to standard output. No events are made and nothing is converted, so a tool
 * that does more cannot take less CPU time than this. Usage: {@code JacksonCopy FILE} with
 * jackson-core on the class path.
 */
public final class JacksonCopy {
    private JacksonCopy() {
    }

    public static void main(String[] args) throws Exception {
        JsonFactory factory = new JsonFactory();
        try (InputStream in = Files.newInputStream(Path.of(args[0]));
             JsonParser parser = factory.createParser(in);
             JsonGenerator out = factory.createGenerator(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16))) {
            out.setRootValueSeparator(new SerializedString("\n"));
            while (parser.nextToken() != null) {
                out.copyCurrentEvent(parser);
            }
        }
    }
}
