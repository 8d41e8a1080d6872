package io.cdcsdk.benchmarks;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The baselines' conversion of aws-lambda-java-events images to SDK v2 attribute values. */
final class LambdaEventsToSdkV2 {
    private LambdaEventsToSdkV2() {
    }

    /** aws-lambda-java-events attribute values to SDK v2 ones, as aws-lambda-java-events-sdk-transformer converts them. */
    static Map<String, AttributeValue> image(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        Map<String, AttributeValue> out = new LinkedHashMap<>(image.size() * 2);
        image.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    private static AttributeValue value(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) {
            return AttributeValue.fromS(v.getS());
        } else if (v.getN() != null) {
            return AttributeValue.fromN(v.getN());
        } else if (v.getB() != null) {
            return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB()));
        } else if (v.getSS() != null) {
            return AttributeValue.fromSs(v.getSS());
        } else if (v.getNS() != null) {
            return AttributeValue.fromNs(v.getNS());
        } else if (v.getBS() != null) {
            List<SdkBytes> bs = new ArrayList<>(v.getBS().size());
            for (ByteBuffer b : v.getBS()) {
                bs.add(SdkBytes.fromByteBuffer(b));
            }
            return AttributeValue.fromBs(bs);
        } else if (v.getM() != null) {
            return AttributeValue.fromM(image(v.getM()));
        } else if (v.getL() != null) {
            List<AttributeValue> l = new ArrayList<>(v.getL().size());
            for (var m : v.getL()) {
                l.add(value(m));
            }
            return AttributeValue.fromL(l);
        } else if (v.getBOOL() != null) {
            return AttributeValue.fromBool(v.getBOOL());
        } else if (v.getNULL() != null) {
            return AttributeValue.fromNul(v.getNULL());
        }
        throw new IllegalArgumentException("empty attribute value");
    }
}
