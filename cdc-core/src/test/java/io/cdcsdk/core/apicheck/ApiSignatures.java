package io.cdcsdk.core.apicheck;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of one module as text: every public type of the packages its {@code module-info}
 * exports to everyone, with its public and protected members, one line each, sorted. The committed
 * copy ({@code api/<module>.api}) is compared with the one made from the compiled classes, so a
 * change of the API shows in the diff of the change that made it.
 */
public final class ApiSignatures {

    /** System property that rewrites the committed file instead of failing: {@code -Dcdc.api.update=true}. */
    public static final String UPDATE = "cdc.api.update";

    private ApiSignatures() {
    }

    /**
     * Compares the API of the classes under {@code target/classes} with {@code api/<module>.api}
     * (both relative to the module's directory, the working directory of its tests).
     *
     * @throws AssertionError when they differ and {@value #UPDATE} is not set
     */
    public static void check(String module) throws IOException {
        Path classes = Path.of("target", "classes");
        String actual = render(classes);
        Path committed = Path.of("api", module + ".api");
        Path made = Path.of("target", "api", module + ".api");
        Files.createDirectories(made.getParent());
        Files.writeString(made, actual, StandardCharsets.UTF_8);
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, actual, StandardCharsets.UTF_8);
            return;
        }
        String expected = Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "";
        if (!expected.equals(actual)) {
            throw new AssertionError("The public API of " + module + " differs from " + committed
                    + " (compare with " + made + ").\n" + difference(expected, actual)
                    + "If the change is intended, run the build with -D" + UPDATE + "=true and commit "
                    + committed + ".");
        }
    }

    /** The API text of the compiled classes under {@code classes}. */
    static String render(Path classes) throws IOException {
        Set<String> exported = exportedPackages(classes);
        List<String> typeNames = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "."))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .filter(n -> !n.endsWith("module-info") && !n.endsWith("package-info"))
                    .filter(n -> exported.contains(packageOf(n)))
                    .forEach(typeNames::add);
        }
        StringBuilder out = new StringBuilder();
        typeNames.stream().sorted().forEach(name -> {
            Class<?> type = load(name);
            if (isApi(type)) {
                out.append(simplify(describeType(type))).append('\n');
                for (String member : members(type)) {
                    out.append("  ").append(simplify(member.replace(type.getTypeName() + ".", ""))).append('\n');
                }
            }
        });
        return out.toString();
    }

    private static Set<String> exportedPackages(Path classes) throws IOException {
        Path moduleInfo = classes.resolve("module-info.class");
        if (!Files.exists(moduleInfo)) {
            throw new IllegalStateException(moduleInfo + " is missing: the API is what module-info exports");
        }
        try (InputStream in = Files.newInputStream(moduleInfo)) {
            return ModuleDescriptor.read(in).exports().stream()
                    .filter(e -> !e.isQualified())
                    .map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ApiSignatures.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + name, e);
        }
    }

    /** Public, and every enclosing type public too (a public member type of a hidden type is not API). */
    private static boolean isApi(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static String describeType(Class<?> type) {
        StringBuilder s = new StringBuilder();
        int mods = type.getModifiers();
        String kind;
        if (type.isAnnotation()) {
            kind = "@interface";
            mods &= ~(Modifier.ABSTRACT | Modifier.INTERFACE);
        } else if (type.isInterface()) {
            kind = "interface";
            mods &= ~(Modifier.ABSTRACT | Modifier.INTERFACE);
        } else if (type.isEnum()) {
            kind = "enum";
            mods &= ~(Modifier.FINAL | Modifier.ABSTRACT);
        } else if (type.isRecord()) {
            kind = "record";
            mods &= ~Modifier.FINAL;
        } else {
            kind = "class";
        }
        if (type.isMemberClass() && (type.isInterface() || type.isEnum() || type.isRecord())) {
            mods &= ~Modifier.STATIC;
        }
        String m = Modifier.toString(mods);
        s.append(m.isEmpty() ? "" : m + " ").append(kind).append(' ').append(type.getTypeName());
        if (type.getTypeParameters().length > 0) {
            s.append(Stream.of(type.getTypeParameters()).map(ApiSignatures::typeVariable)
                    .collect(Collectors.joining(", ", "<", ">")));
        }
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class
                && !type.isEnum() && !type.isRecord()) {
            s.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        if (type.getGenericInterfaces().length > 0 && !type.isAnnotation()) {
            s.append(type.isInterface() ? " extends " : " implements ")
                    .append(Stream.of(type.getGenericInterfaces()).map(java.lang.reflect.Type::getTypeName)
                            .collect(Collectors.joining(", ")));
        }
        if (type.isSealed()) {
            s.append(" permits ").append(Stream.of(type.getPermittedSubclasses()).map(Class::getTypeName)
                    .sorted().collect(Collectors.joining(", ")));
        }
        return s.toString();
    }

    private static String typeVariable(java.lang.reflect.TypeVariable<?> v) {
        java.lang.reflect.Type[] bounds = v.getBounds();
        if (bounds.length == 1 && bounds[0] == Object.class) {
            return v.getName();
        }
        return v.getName() + " extends " + Stream.of(bounds).map(java.lang.reflect.Type::getTypeName)
                .collect(Collectors.joining(" & "));
    }

    private static List<String> members(Class<?> type) {
        List<String> out = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            if (visible(f) && !f.isSynthetic()) {
                out.add(f.isEnumConstant() ? "enum constant " + f.getName() : f.toGenericString());
            }
        }
        if (!type.isEnum()) {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c) && !c.isSynthetic()) {
                    out.add(c.toGenericString());
                }
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m) && !m.isSynthetic() && !m.isBridge() && !isEnumBoilerplate(type, m)) {
                out.add(m.toGenericString());
            }
        }
        out.sort(null);
        return out;
    }

    private static boolean visible(Member member) {
        int mods = member.getModifiers();
        return Modifier.isPublic(mods) || Modifier.isProtected(mods);
    }

    private static boolean isEnumBoilerplate(Class<?> type, Executable m) {
        return type.isEnum() && (m.getName().equals("values") && m.getParameterCount() == 0
                || m.getName().equals("valueOf") && m.getParameterCount() == 1);
    }

    /** {@code java.lang.String} as {@code String}: the API file is read by people. */
    private static String simplify(String signature) {
        return signature.replaceAll("\\bjava\\.lang\\.([A-Z])", "$1");
    }

    private static String difference(String expected, String actual) {
        Set<String> before = new TreeSet<>(expected.lines().toList());
        Set<String> after = new TreeSet<>(actual.lines().toList());
        StringBuilder s = new StringBuilder();
        after.stream().filter(l -> !before.contains(l)).limit(40).forEach(l -> s.append("+ ").append(l.strip()).append('\n'));
        before.stream().filter(l -> !after.contains(l)).limit(40).forEach(l -> s.append("- ").append(l.strip()).append('\n'));
        return s.toString();
    }
}
