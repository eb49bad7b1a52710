package org.convlab.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Structural attacks on a zip file: entries duplicated, reordered, renamed with {@code ../}, sizes in
 * the headers that disagree with the data, and an entry that inflates to gigabytes.
 */
public final class ZipMutations {
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;

    private ZipMutations() {
    }

    /** The entries of a zip, in order. */
    public static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * A zip of the given entries (names may repeat: {@link ZipOutputStream} refuses that, so a repeat
     * is written under a stand-in name of the same length and renamed in the bytes afterwards).
     */
    public static byte[] zip(List<Map.Entry<String, byte[]>> entries, boolean deflate) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<String, String> standIns = new LinkedHashMap<>();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            java.util.Set<String> written = new java.util.HashSet<>();
            for (Map.Entry<String, byte[]> e : entries) {
                String name = e.getKey();
                if (!written.add(name)) {
                    String standIn = "\u0001" + name.substring(1) ;
                    standIns.put(standIn, name);
                    name = standIn;
                }
                ZipEntry entry = new ZipEntry(name);
                byte[] data = e.getValue();
                if (!deflate) {
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(data.length);
                    entry.setCompressedSize(data.length);
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(data);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] out = bytes.toByteArray();
        standIns.forEach((standIn, name) -> replaceAll(out, standIn.getBytes(StandardCharsets.UTF_8),
                name.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    private static void replaceAll(byte[] in, byte[] what, byte[] with) {
        outer:
        for (int i = 0; i + what.length <= in.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            System.arraycopy(with, 0, in, i, with.length);
        }
    }

    public static List<Map.Entry<String, byte[]>> list(Map<String, byte[]> entries) {
        return new ArrayList<>(entries.entrySet());
    }

    /** The format mutations of a zip whose valid content is {@code entries}. */
    public static List<MutationFuzzer.FormatMutation> all(Map<String, byte[]> entries, byte[] original, byte[] bomb) {
        List<String> names = new ArrayList<>(entries.keySet());
        return List.of(
                new MutationFuzzer.FormatMutation("duplicated entry", rng -> {
                    List<Map.Entry<String, byte[]>> l = list(entries);
                    Map.Entry<String, byte[]> e = l.get(rng.nextInt(l.size()));
                    byte[] other = rng.nextBoolean() ? e.getValue() : new MutationFuzzer(rng.nextLong(), e.getValue())
                            .bitFlips(e.getValue(), 1);
                    l.add(rng.nextInt(l.size() + 1), Map.entry(e.getKey(), other));
                    return zip(l, false);
                }),
                new MutationFuzzer.FormatMutation("reordered entries", rng -> {
                    List<Map.Entry<String, byte[]>> l = list(entries);
                    Collections.shuffle(l, new java.util.Random(rng.nextLong()));
                    return zip(l, rng.nextBoolean());
                }),
                new MutationFuzzer.FormatMutation("entry name with ../", rng -> {
                    List<Map.Entry<String, byte[]>> l = list(entries);
                    String name = names.get(rng.nextInt(names.size()));
                    l.add(Map.entry("../" + (rng.nextBoolean() ? "../" : "") + name, entries.get(name)));
                    return zip(l, false);
                }),
                new MutationFuzzer.FormatMutation("declared size disagrees", rng -> declaredSize(original, rng)),
                new MutationFuzzer.FormatMutation("entry inflating to gigabytes", rng -> bomb));
    }

    /** One local or central header's compressed or uncompressed size set to an extreme or off-by-some value. */
    static byte[] declaredSize(byte[] zip, SplittableRandom rng) {
        List<Integer> headers = new ArrayList<>();
        for (int i = 0; i + 4 <= zip.length; i++) {
            int sig = (zip[i] & 0xFF) | (zip[i + 1] & 0xFF) << 8 | (zip[i + 2] & 0xFF) << 16 | (zip[i + 3] & 0xFF) << 24;
            if (sig == LOCAL_HEADER || sig == CENTRAL_HEADER) {
                headers.add(i);
            }
        }
        int at = headers.get(rng.nextInt(headers.size()));
        boolean local = zip[at + 2] == 3;
        int field = at + (local ? 18 : 20) + (rng.nextBoolean() ? 0 : 4);
        int old = (zip[field] & 0xFF) | (zip[field + 1] & 0xFF) << 8 | (zip[field + 2] & 0xFF) << 16
                | (zip[field + 3] & 0xFF) << 24;
        int[] values = {Integer.MAX_VALUE, -1, 0, old + 1, old - 1, old * 2, 1 << 30};
        return MutationFuzzer.putInt(zip, field, values[rng.nextInt(values.length)], ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The valid entries with {@code victim} replaced by {@code inflated} zero bytes, deflated (about
     * a thousand times smaller).
     */
    public static byte[] bomb(Map<String, byte[]> entries, String victim, long inflated) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_SPEED);
            byte[] zeros = new byte[1 << 20];
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                if (e.getKey().equals(victim)) {
                    for (long left = inflated; left > 0; left -= zeros.length) {
                        zip.write(zeros, 0, (int) Math.min(zeros.length, left));
                    }
                } else {
                    zip.write(e.getValue());
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
