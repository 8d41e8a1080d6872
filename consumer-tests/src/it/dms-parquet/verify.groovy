// The shaded jar's size, for the build log.
def jar = new File(basedir, "target/${basedir.name}.jar")
assert jar.isFile()
println "${basedir.name}: shaded jar ${String.format('%,d', jar.length())} bytes"
