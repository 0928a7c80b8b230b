// The image's base: no registry is reachable here, so a JRE image is made from the build's JDK (LocalJreImage, in
// the plugin's tests), once, at the path the plugin's pom passes as baseImage and as -Dwasm2jar.image.from.
dev.wasm2jar.maven.it.LocalJreImage.ensure(new File(baseImage).toPath())
return true
