package parley.projections.group;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import parley.api.group.GroupCreated;
import parley.api.group.GroupMessageSent;
import parley.api.group.GroupRenamed;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.api.group.RoleChanged;
import parley.projections.dispatch.Projection;

@Configuration(proxyBeanMethods = false)
class GroupProjections {

    @Bean
    Projection<GroupCreated> groupCreated(GroupTables tables) {
        return Projection.of(GroupCreated.class, tables::created);
    }

    @Bean
    Projection<MemberAdded> memberAdded(GroupTables tables) {
        return Projection.of(MemberAdded.class, tables::memberAdded);
    }

    @Bean
    Projection<MemberRemoved> memberRemoved(GroupTables tables) {
        return Projection.of(MemberRemoved.class, tables::memberRemoved);
    }

    @Bean
    Projection<GroupRenamed> groupRenamed(GroupTables tables) {
        return Projection.of(GroupRenamed.class, tables::renamed);
    }

    @Bean
    Projection<RoleChanged> roleChanged(GroupTables tables) {
        return Projection.of(RoleChanged.class, tables::roleChanged);
    }

    @Bean
    Projection<GroupMessageSent> groupMessageSent(GroupTables tables) {
        return Projection.of(GroupMessageSent.class, tables::messageSent);
    }
}
