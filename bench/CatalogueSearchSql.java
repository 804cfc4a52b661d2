import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import fr.cpa.catalogue.domain.Eligibility;
import fr.cpa.catalogue.domain.EligibilityScope;
import fr.cpa.catalogue.domain.HolderProfiles;
import fr.cpa.catalogue.domain.OfferSearch;
import fr.cpa.catalogue.domain.SearchCriteria;

/**
 * The raw side of bench/catalogue-search.sh: runs each search of the mix once with the catalogue service's own classes
 * (SearchParameters, Eligibility, HolderProfiles, OfferSearch, SearchQueries) over a JDBC connection that records every
 * statement they execute with its parameters, and writes those statements, parameters as typed literals, to one pgbench
 * script per search. The SQL is thus the service's, not a copy of it.
 *
 * Run with the catalogue's jars on the class path: java -cp 'quarkus-app/app/*:quarkus-app/lib/main/*' this file
 * JDBC-URL USER PASSWORD OUT-DIR, the mix on standard input, one search a line: the holder id (- for none), a tab,
 * the query string. Prints a line per search: its number, totalItems, the statements written.
 */
public class CatalogueSearchSql {

    /** Statements of the search being recorded, with literals. */
    static final List<String> recorded = new ArrayList<>();
    /** Values of the arrays made by createArrayOf, to write them back as literals. */
    static final Map<Object, Object[]> arrays = new IdentityHashMap<>();

    public static void main(String[] args) throws Throwable {
        Connection real = DriverManager.getConnection(args[0], args[1], args[2]);
        try (Statement set = real.createStatement()) {
            set.execute("SET jit = off"); // the service's quarkus.datasource.jdbc.new-connection-sql
        }
        Path out = Path.of(args[3]);
        DataSource dataSource = dataSource(real);

        Object queries = make("fr.cpa.catalogue.persistence.SearchQueries", DataSource.class, dataSource);
        OfferSearch search = (OfferSearch) make("fr.cpa.catalogue.domain.OfferSearch", queries.getClass(), queries);
        HolderProfiles profiles = (HolderProfiles) make("fr.cpa.catalogue.domain.HolderProfiles", DataSource.class,
                dataSource);
        Eligibility eligibility = new Eligibility();
        Class<?> parameters = Class.forName("fr.cpa.catalogue.api.SearchParameters");
        Method parse = parameters.getDeclaredMethod("parse", Map.class, LocalDate.class, Set.class);
        parse.setAccessible(true);
        // The service's clock (platform ServiceClock): the day in France.
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int n = 0;
        for (String line; (line = in.readLine()) != null;) {
            if (line.isBlank()) {
                continue;
            }
            n++;
            String[] parts = line.split("\t", 2);
            recorded.clear();
            // Offers.regionCodes(), which the resource calls before parsing, as it writes it.
            Set<String> regions = new HashSet<>();
            try (Connection c = dataSource.getConnection();
                    PreparedStatement select = c.prepareStatement("SELECT code FROM region");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    regions.add(rs.getString(1));
                }
            }
            Object parsed = call(parse, null, query(parts[1]), today, regions);
            SearchCriteria criteria = (SearchCriteria) accessor(parsed, "criteria");
            if ((Boolean) accessor(parsed, "eligibleForMe")) {
                // OfferResource: the holder's profile, then CEC rights of the ledger (UNKNOWN: no ledger in the bench).
                EligibilityScope scope = eligibility.scope(profiles.find(UUID.fromString(parts[0])), today,
                        EligibilityScope.CecRights.UNKNOWN);
                criteria = new SearchCriteria(criteria.text(), criteria.organisationSiret(),
                        criteria.certificationCode(), criteria.romeCode(), criteria.formacode(), criteria.regions(),
                        criteria.area(), criteria.modalities(), criteria.minPriceCents(), criteria.maxPriceCents(),
                        criteria.minHours(), criteria.maxHours(), criteria.levels(), criteria.kinds(),
                        criteria.startFrom(), criteria.startTo(), scope, criteria.sort(), criteria.page(),
                        criteria.size());
            }
            OfferSearch.Answer answer = search.search(criteria);
            StringBuilder script = new StringBuilder("-- " + parts[1] + "\n");
            recorded.forEach(sql -> script.append(sql).append(";\n"));
            Files.writeString(out.resolve(String.format("q%03d.sql", n)), script.toString());
            System.out.println(n + " " + answer.result().total() + " " + recorded.size());
        }
        real.close();
    }

    /** The query string as the resource sees it (UriInfo.getQueryParameters: decoded, repeatable). */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    static Object make(String className, Class<?> parameterType, Object argument) throws Exception {
        Constructor<?> constructor = Class.forName(className).getDeclaredConstructor(parameterType);
        constructor.setAccessible(true);
        return constructor.newInstance(argument);
    }

    static Object accessor(Object record, String name) throws Exception {
        Method method = record.getClass().getDeclaredMethod(name);
        method.setAccessible(true);
        return method.invoke(record);
    }

    static Object call(Method method, Object target, Object... args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A data source handing out the one real connection, whose statements are recorded as they execute. */
    static DataSource dataSource(Connection real) {
        InvocationHandler connection = (proxy, method, args) -> switch (method.getName()) {
            case "close" -> null; // kept open for the next search
            case "prepareStatement" -> statement((PreparedStatement) call(method, real, args), (String) args[0]);
            case "createArrayOf" -> {
                Object array = call(method, real, args);
                arrays.put(array, (Object[]) args[1]);
                yield array;
            }
            default -> call(method, real, args);
        };
        Connection proxied = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, connection);
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return proxied;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    static PreparedStatement statement(PreparedStatement real, String sql) {
        Map<Integer, String> literals = new TreeMap<>();
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                literals.put(index, literal(name, args[1]));
            } else if (name.equals("executeQuery") || name.equals("executeUpdate") || name.equals("execute")) {
                recorded.add(withLiterals(sql, literals));
            }
            return call(method, real, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    /** A parameter as a literal of the type the PostgreSQL driver sends it with. */
    static String literal(String setter, Object value) {
        if (value == null) {
            return "NULL";
        }
        if (setter.equals("setArray")) {
            Object[] values = arrays.get(value);
            if (values == null) {
                throw new IllegalStateException("an array not made by createArrayOf");
            }
            List<String> elements = new ArrayList<>();
            for (Object element : values) {
                elements.add(quoted(String.valueOf(element)));
            }
            return elements.isEmpty() ? "'{}'::text[]" : "ARRAY[" + String.join(", ", elements) + "]::text[]";
        }
        if (value instanceof java.sql.Date date) {
            return quoted(date.toString()); // sent untyped by the driver
        }
        if (value instanceof String text) {
            return quoted(text) + "::varchar"; // the driver's stringtype=varchar
        }
        if (value instanceof Double number) {
            return BigDecimal.valueOf(number).toPlainString() + "::float8";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return value + "::" + (value instanceof Long ? "int8" : value instanceof Integer ? "int4" : "int2");
        }
        if (value instanceof UUID) {
            return quoted(value.toString()) + "::uuid";
        }
        throw new IllegalStateException("no literal for a " + value.getClass().getName() + " parameter");
    }

    static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** The statement with each ? outside quotes replaced by its parameter's literal. */
    static String withLiterals(String sql, Map<Integer, String> literals) {
        StringBuilder text = new StringBuilder();
        boolean quoted = false;
        int index = 0;
        for (char c : sql.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == '?' && !quoted) {
                String literal = literals.get(++index);
                if (literal == null) {
                    throw new IllegalStateException("parameter " + index + " not set in: " + sql);
                }
                text.append(literal);
            } else {
                text.append(c);
            }
        }
        if (index != literals.size()) {
            throw new IllegalStateException(literals.size() + " parameters for " + index + " placeholders: " + sql);
        }
        // pgbench reads a statement up to its semicolon, over lines; the service's text blocks have none inside.
        return text.toString().strip();
    }
}
